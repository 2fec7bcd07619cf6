using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace IpcBench.Analyzers;

/// <summary>
/// The IDE's per-document path: after an edit to one ~500-line IPC-dense document of a larger
/// project, the compiler's semantic diagnostics for it, then
/// CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null) on the
/// same (cached) semantic model, as the IDE's diagnostic service runs them.
/// </summary>
internal static class IdeLatency
{
    private const string Section = "analyzer cost";

    internal static async Task MeasureAsync(string dir, string project, IReadOnlyList<MetadataReference> references,
        AnalyzerPackage ours, int runs, ResultRows rows, TextWriter details)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var files = Directory.GetFiles(dir, "*.cs").Order(StringComparer.Ordinal).ToArray();
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f)), parse, f)).ToArray();
        var document = trees.OrderBy(t => Math.Abs(t.GetText().Lines.Count - 500)).First();
        var lines = document.GetText().Lines.Count;
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        var compilation = CSharpCompilation.Create("Generated", trees, references, options);
        _ = compilation.GetDiagnostics(); // the open solution: everything already bound once

        var compilerMs = new List<double>();
        var analyzerMs = new List<double>();
        var analyzerOwnMs = new List<double>();
        var analyzerWallMs = new List<double>();
        for (var edit = -2; edit < runs; edit++) // two warm-up edits
        {
            var edited = Edit(document, edit);
            var next = compilation.ReplaceSyntaxTree(document, edited);
            var withAnalyzers = next.WithAnalyzers(ours.Analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false,
                logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
            var tree = withAnalyzers.Compilation.SyntaxTrees.Single(t => t.FilePath == document.FilePath);
            var model = withAnalyzers.Compilation.GetSemanticModel(tree);

            var cpu = Environment.CpuUsage.TotalTime;
            _ = model.GetDiagnostics();
            var compiler = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
            cpu = Environment.CpuUsage.TotalTime;
            var sw = Stopwatch.StartNew();
            _ = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None).ConfigureAwait(false);
            var analysis = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
            var wall = sw.Elapsed.TotalMilliseconds;
            double own = 0;
            foreach (var a in ours.Analyzers)
                own += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).ConfigureAwait(false)).ExecutionTime.TotalMilliseconds;
            if (edit < 0) continue;
            compilerMs.Add(compiler);
            analyzerMs.Add(analysis);
            analyzerWallMs.Add(wall);
            analyzerOwnMs.Add(own);
        }

        var median = Stats.Median(analyzerMs);
        var label = $"IDE: one {lines}-line IPC document of {project}, after an edit";
        rows.Add(Section, $"{label}: {ours.Name} semantic diagnostics",
            $"{median:F1} ms CPU median, {Stats.Min(analyzerMs):F1} min, {runs} edits (analyzer callbacks {Stats.Median(analyzerOwnMs):F1} ms wall; compiler's own pass before it {Stats.Median(compilerMs):F1} ms CPU)",
            "median < 50 ms", median < 50);
        details.WriteLine($"## IDE latency ({Path.GetFileName(document.FilePath)}, {lines} lines)");
        details.WriteLine($"analyzer CPU ms: {string.Join(", ", analyzerMs.Select(x => x.ToString("F1")))}");
        details.WriteLine($"analyzer wall ms: {string.Join(", ", analyzerWallMs.Select(x => x.ToString("F1")))}");
        details.WriteLine($"compiler CPU ms: {string.Join(", ", compilerMs.Select(x => x.ToString("F1")))}");
        details.Flush();
    }

    /// <summary>Inserts a statement at the top of the first method body that returns int, as a user typing would.</summary>
    private static SyntaxTree Edit(SyntaxTree tree, int edit)
    {
        var text = tree.GetText();
        var root = tree.GetRoot();
        var body = root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>()
            .Select(m => m.Body).FirstOrDefault(b => b is not null && b.Statements.Count > 0);
        var at = body?.OpenBraceToken.Span.End ?? text.Length;
        var insert = body is null ? $"\n// edit {edit}\n" : $"\n        _ = {edit + 100};";
        return tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, 0), insert)));
    }
}
