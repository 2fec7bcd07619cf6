using System.Text.RegularExpressions;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IpcAnalyzers.Tests.Flow;

/// <summary>
/// Runs one analyzer over every file of samples/Mistakes compiled together, and returns the lines it reports next to
/// the lines annotated with its id (<c>// IPC0NN</c> at the end of the line), as "File.cs:line" strings.
/// </summary>
internal static partial class MistakesSamples
{
    internal static async Task<(string[] Reported, string[] Annotated)> RunAsync(DiagnosticAnalyzer analyzer, string id)
    {
        var folder = Path.Combine(RepoPaths.Root, "samples", "Mistakes");
        var files = Directory.GetFiles(folder, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var trees = files.Select(f => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(File.ReadAllText(f), TestCompilation.ParseOptions, path: f)).ToArray();
        var compilation = TestCompilation.Create(trees);
        Verify.AssertCompiles(compilation);
        var diagnostics = await TestCompilation.AnalyzeAsync(compilation, [analyzer]);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var reported = diagnostics.Where(d => d.Id == id)
            .Select(d => $"{Path.GetFileName(d.Location.SourceTree!.FilePath)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}")
            .OrderBy(s => s, StringComparer.Ordinal).ToArray();
        var annotated = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (Annotation().Match(lines[i]) is { Success: true } match && match.Groups[1].Value.Split(',').Select(s => s.Trim()).Contains(id))
                {
                    annotated.Add($"{Path.GetFileName(file)}:{i + 1}");
                }
            }
        }

        return (reported, annotated.OrderBy(s => s, StringComparer.Ordinal).ToArray());
    }

    [GeneratedRegex(@"//\s*(IPC\d{3}(?:\s*,\s*IPC\d{3})*)\s*$")]
    private static partial Regex Annotation();
}

/// <summary>The Noncompliant and Compliant C# blocks of a rule's page, each wrapped into a class that compiles.</summary>
internal static partial class RulePages
{
    internal static (string Noncompliant, string Compliant) Blocks(string id)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "rules", id + ".md"));
        return (Wrap(Block(text, "## Noncompliant")), Wrap(Block(text, "## Compliant")));
    }

    private static string Block(string text, string heading)
    {
        var start = text.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, heading + " missing");
        var open = text.IndexOf("```csharp\n", start, StringComparison.Ordinal) + "```csharp\n".Length;
        var close = text.IndexOf("```", open, StringComparison.Ordinal);
        return text[open..close];
    }

    private static string Wrap(string block) => "using IpcSim;\nusing static IpcSim.Libc;\n\ninternal static class Page\n{\n" + block + "}\n";
}
