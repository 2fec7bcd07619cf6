using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Sdk;

namespace IpcAnalyzers.Tests.Meta;

/// <summary>
/// Dogfood: every analyzer of the assembly (found by reflection, so rules that land later are included) runs over
/// samples/Mistakes, which must report exactly its <c>// IPC0NN</c> annotations, and over samples/IpcSamples, which
/// must report nothing (info included). Annotations for rules that have no analyzer yet are ignored.
/// </summary>
public sealed partial class SamplesTests
{
    /// <summary>The global usings of samples/IpcSamples/IpcSamples.csproj.</summary>
    private const string IpcSamplesGlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using IpcSim;
        global using static IpcSim.Libc;
        global using static IpcSamples.Stdio;
        """;

    [Fact]
    public async Task Mistakes_ReportExactlyTheAnnotatedLines()
    {
        var (compilation, files) = Compile("samples/Mistakes");
        var analyzers = CodeFixConventionTests.AllAnalyzers();
        var ruleIds = SupportedIds(analyzers);
        var diagnostics = await Analyze(compilation, analyzers);

        var expected = files.SelectMany(f => Annotations(f.Name, f.Tree))
            .Where(a => ruleIds.Contains(a.Id)).ToHashSet();
        var actual = Reported(diagnostics).ToHashSet();
        AssertSameFindings("samples/Mistakes", expected, actual, files);
    }

    [Fact]
    public async Task IpcSamples_ReportNothing()
    {
        var (compilation, files) = Compile("samples/IpcSamples", IpcSamplesGlobalUsings);
        var analyzers = CodeFixConventionTests.AllAnalyzers();
        var diagnostics = await Analyze(compilation, analyzers);
        AssertSameFindings("samples/IpcSamples", new HashSet<Finding>(), Reported(diagnostics).ToHashSet(), files);
    }

    [Fact]
    public void Annotations_ReadSeveralIdsOnOneLine()
    {
        var tree = CSharpSyntaxTree.ParseText("""
            class C
            {
                int a = 0666; // IPC009, IPC010
                int b = 1; // IPC001
                // IPC004 in a comment line is not an annotation of code
                int c = 2; // not IPC002
            }
            """);
        var found = Annotations("C.cs", tree).OrderBy(f => f.Line).ThenBy(f => f.Id, StringComparer.Ordinal).ToArray();
        Assert.Equal([new Finding("C.cs", 3, "IPC009"), new Finding("C.cs", 3, "IPC010"), new Finding("C.cs", 4, "IPC001")], found);
    }

    internal readonly record struct Finding(string File, int Line, string Id)
    {
        public override string ToString() => $"{File}:{Line}: {Id}";
    }

    private sealed record SampleFile(string Name, SyntaxTree Tree);

    private static (CSharpCompilation Compilation, IReadOnlyList<SampleFile> Files) Compile(string folder, string? globalUsings = null)
    {
        var directory = Path.Combine(RepoPaths.Root, folder);
        var files = Directory.GetFiles(directory, "*.cs", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .Select(path => new SampleFile(
                Path.GetFileName(path),
                CSharpSyntaxTree.ParseText(File.ReadAllText(path), TestCompilation.ParseOptions, path: Path.GetFileName(path))))
            .ToArray();
        Assert.NotEmpty(files);
        var trees = files.Select(f => f.Tree).ToList();
        if (globalUsings is not null) trees.Add(CSharpSyntaxTree.ParseText(globalUsings, TestCompilation.ParseOptions, path: "GlobalUsings.g.cs"));
        var compilation = TestCompilation.Create(trees);
        Verify.AssertCompiles(compilation);
        return (compilation, files);
    }

    private static async Task<ImmutableArray<Diagnostic>> Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var diagnostics = await TestCompilation.AnalyzeAsync(compilation, analyzers);
        var crashes = diagnostics.Where(d => d.Id == "AD0001").ToArray();
        if (crashes.Length > 0)
        {
            throw new XunitException("An analyzer threw on the samples:\n"
                + string.Join("\n", crashes.Select(c => c.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
        }

        return diagnostics;
    }

    private static HashSet<string> SupportedIds(ImmutableArray<DiagnosticAnalyzer> analyzers)
        => analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every IPC diagnostic, whatever its severity, as file, 1-based line of its start, and id.</summary>
    private static IEnumerable<Finding> Reported(IEnumerable<Diagnostic> diagnostics)
        => diagnostics
            .Where(d => d.Id.StartsWith("IPC", StringComparison.Ordinal) && d.Location.IsInSource)
            .Select(d => new Finding(
                Path.GetFileName(d.Location.SourceTree!.FilePath),
                d.Location.GetLineSpan().StartLinePosition.Line + 1,
                d.Id));

    [GeneratedRegex(@"^\s*//\s*(?<ids>IPC\d{3}(?:\s*,\s*IPC\d{3})*)\s*$")]
    private static partial Regex AnnotationPattern();

    /// <summary>A trailing <c>// IPC0NN</c> or <c>// IPC0NN, IPC0MM</c> comment after code on the line.</summary>
    private static IEnumerable<Finding> Annotations(string file, SyntaxTree tree)
    {
        var root = tree.GetRoot();
        foreach (var trivia in root.DescendantTrivia())
        {
            if (!trivia.IsKind(SyntaxKind.SingleLineCommentTrivia)) continue;
            var match = AnnotationPattern().Match(trivia.ToString());
            if (!match.Success) continue;
            var line = trivia.GetLocation().GetLineSpan().StartLinePosition.Line;
            var lineText = tree.GetText().Lines[line].ToString();
            var before = lineText[..(trivia.Span.Start - tree.GetText().Lines[line].Start)];
            if (string.IsNullOrWhiteSpace(before)) continue;
            foreach (var id in match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries))
            {
                yield return new Finding(file, line + 1, id);
            }
        }
    }

    private static void AssertSameFindings(string folder, IReadOnlySet<Finding> expected, IReadOnlySet<Finding> actual, IReadOnlyList<SampleFile> files)
    {
        var missing = expected.Except(actual).Order(FindingOrder.Instance).ToArray();
        var extra = actual.Except(expected).Order(FindingOrder.Instance).ToArray();
        if (missing.Length == 0 && extra.Length == 0) return;
        var source = files.ToDictionary(f => f.Name, f => f.Tree.GetText(), StringComparer.Ordinal);
        var message = new StringBuilder($"{folder}: the analyzers' findings differ from the annotations.\n");
        foreach (var m in missing) message.AppendLine($"  - missing     {m}    {LineText(m)}");
        foreach (var e in extra) message.AppendLine($"  + unexpected  {e}    {LineText(e)}");
        throw new XunitException(message.ToString());

        string LineText(Finding f) => source.TryGetValue(f.File, out var text) ? text.Lines[f.Line - 1].ToString().Trim() : "";
    }

    private sealed class FindingOrder : IComparer<Finding>
    {
        internal static readonly FindingOrder Instance = new();

        public int Compare(Finding x, Finding y)
        {
            var byFile = string.CompareOrdinal(x.File, y.File);
            if (byFile != 0) return byFile;
            return x.Line != y.Line ? x.Line.CompareTo(y.Line) : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
