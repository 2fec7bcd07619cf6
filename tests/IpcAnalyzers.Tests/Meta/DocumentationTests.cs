using System.Text.RegularExpressions;

namespace IpcAnalyzers.Tests.Meta;

/// <summary>Every rule that has an analyzer has its page, and the page agrees with the descriptor (STYLE §7.5).</summary>
public sealed class DocumentationTests
{
    public static TheoryData<string> ImplementedIds() => new(CodeFixConventionTests.AllAnalyzers()
        .SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Order());

    [Theory]
    [MemberData(nameof(ImplementedIds))]
    public void Page_MatchesDescriptor(string id)
    {
        var descriptor = DescriptorTests.All.Single(d => d.Id == id);
        var path = Path.Combine(RepoPaths.Root, "docs/rules", id + ".md");
        Assert.True(File.Exists(path), $"{path} is missing");
        var lines = File.ReadAllLines(path);
        Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);
        Assert.Contains($"| Category | {descriptor.Category} |", lines);
        Assert.Contains($"| Default severity | {descriptor.DefaultSeverity} |", lines);
        foreach (var section in new[] { "## Cause", "## Why it matters", "## Noncompliant", "## Compliant", "## How the analysis decides", "## How to fix", "## When to suppress", "## Related rules" })
        {
            Assert.Contains(section, lines);
        }

        var text = string.Join("\n", lines);
        Assert.Contains($"dotnet_diagnostic.{id}.severity = none", text);
        Assert.Contains($"#pragma warning disable {id}", text);
        var sources = lines.Single(l => l.StartsWith("| Sources |", StringComparison.Ordinal));
        foreach (Match link in Regex.Matches(sources, @"\]\((\.\./\.\./[^)]+)\)"))
        {
            var file = Path.GetFullPath(Path.Combine(RepoPaths.Root, "docs/rules", link.Groups[1].Value));
            Assert.True(File.Exists(file), $"{id}.md links to a missing source {file}");
        }
    }

    [Fact]
    public void Template_Exists() => Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "docs/rules/_template.md")));
}
