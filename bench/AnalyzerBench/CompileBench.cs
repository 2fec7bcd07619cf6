using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace IpcBench.Analyzers;

/// <summary>What one project measured: compile times and, per package, its own analyzer times.</summary>
internal sealed class ProjectResult(string name, int lines)
{
    internal string Name { get; } = name;

    internal int Lines { get; } = lines;

    /// <summary>CPU time of parse + emit, per run.</summary>
    internal List<double> CompileMs { get; } = [];

    internal List<double> CompileWallMs { get; } = [];

    internal Dictionary<string, PackageResult> Packages { get; } = [];
}

internal sealed class PackageResult
{
    /// <summary>The analyzers' execution time (telemetry), scaled to CPU time by the run's CPU/wall ratio.</summary>
    internal List<double> OwnMs { get; } = [];

    internal List<double> OwnWallMs { get; } = [];

    internal List<double> Share { get; } = [];

    internal List<double> WallMs { get; } = [];

    /// <summary>Summed over the runs, per analyzer (named by its rule ids).</summary>
    internal Dictionary<string, double> ByRuleMs { get; } = [];

    internal Dictionary<string, int> DiagnosticsById { get; } = [];

    internal ConcurrentBag<string> Exceptions { get; } = [];

    /// <summary>The first IPC diagnostics with their lines, for judging them by eye.</summary>
    internal List<string> Samples { get; } = [];
}

/// <summary>
/// Compiles a project in-process (parse + emit, as csc does) and runs each package over it with
/// the compiler's own execution-time telemetry (what -p:ReportAnalyzer=true prints). Compilation
/// and analysis are both single-threaded, so the shares are shares of CPU work and a busy
/// neighbour on a small machine disturbs them less; the configurations take turns within a run.
/// </summary>
internal sealed class CompileBench(IReadOnlyList<MetadataReference> references, IReadOnlyList<AnalyzerPackage> allPackages, TextWriter details)
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
            optimizationLevel: OptimizationLevel.Release, concurrentBuild: false, deterministic: true);

    internal void WarmUp(string dir)
    {
        var sources = ReadSources(dir);
        Compile(sources, out var trees);
        foreach (var p in allPackages) Analyze(trees, p, new PackageResult()).GetAwaiter().GetResult();
    }

    internal async Task<ProjectResult> MeasureAsync(string dir, string name, int runs, bool withPeers)
    {
        var sources = ReadSources(dir);
        var result = new ProjectResult(name, sources.Sum(s => s.Text.Lines.Count));
        IReadOnlyList<AnalyzerPackage> packages = withPeers ? allPackages : [allPackages[0]];
        foreach (var p in packages) result.Packages[p.Name] = new PackageResult();
        for (var run = 0; run < runs; run++)
        {
            // Turns: the baseline and the packages rotate, so drift in the machine's load spreads evenly.
            var order = Enumerable.Range(0, packages.Count + 1).Select(k => (k + run) % (packages.Count + 1)).ToArray();
            (double Cpu, double Wall) compileMs = default;
            var own = new Dictionary<string, double>();
            SyntaxTree[] trees = [];
            foreach (var k in order)
            {
                if (k == packages.Count)
                {
                    compileMs = Compile(sources, out trees);
                }
                else
                {
                    var treesForAnalysis = trees.Length > 0 ? trees : Parse(sources);
                    own[packages[k].Name] = await Analyze(treesForAnalysis, packages[k], result.Packages[packages[k].Name], countDiagnostics: run == 0);
                }
            }

            result.CompileMs.Add(compileMs.Cpu);
            result.CompileWallMs.Add(compileMs.Wall);
            foreach (var (pkg, ms) in own)
            {
                result.Packages[pkg].OwnMs.Add(ms);
                result.Packages[pkg].Share.Add(ms / compileMs.Cpu);
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        WriteDetails(result);
        return result;
    }

    private static (string Path, SourceText Text)[] ReadSources(string dir) =>
        Directory.GetFiles(dir, "*.cs").Order(StringComparer.Ordinal)
            .Select(f => (f, SourceText.From(File.ReadAllText(f)))).ToArray();

    private static SyntaxTree[] Parse((string Path, SourceText Text)[] sources) =>
        sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)).ToArray();

    /// <summary>Parse and emit, as csc does; returns (CPU ms, wall ms).</summary>
    private (double Cpu, double Wall) Compile((string Path, SourceText Text)[] sources, out SyntaxTree[] trees)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var sw = Stopwatch.StartNew();
        trees = Parse(sources);
        var compilation = CSharpCompilation.Create("Generated", trees, references, CompilationOptions);
        using var pe = new MemoryStream();
        var emit = compilation.Emit(pe);
        sw.Stop();
        if (!emit.Success)
        {
            var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5);
            throw new InvalidOperationException("generated project does not compile:\n" + string.Join("\n", errors));
        }

        return ((Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds, sw.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// Runs one package over a fresh compilation; returns the sum of its analyzers' execution times.
    /// The telemetry is wall-clock time inside the analyzers' callbacks; on a shared machine part of
    /// it is time spent waiting for a core, so it is scaled by the run's own CPU/wall ratio.
    /// </summary>
    private async Task<double> Analyze(SyntaxTree[] trees, AnalyzerPackage package, PackageResult into, bool countDiagnostics = false)
    {
        var options = CompilationOptions.WithSpecificDiagnosticOptions(package.Options);
        var compilation = CSharpCompilation.Create("Generated", trees, references, options);
        var withAnalyzers = compilation.WithAnalyzers(package.Analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (e, analyzer, _) => into.Exceptions.Add($"{analyzer.GetType().Name}: {e.GetType().Name}: {e.Message}"),
            concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        var cpu = Environment.CpuUsage.TotalTime;
        var sw = Stopwatch.StartNew();
        var analysis = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).ConfigureAwait(false);
        sw.Stop();
        var cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        var wallMs = sw.Elapsed.TotalMilliseconds;
        var toCpu = Math.Min(1.0, cpuMs / wallMs);
        into.WallMs.Add(wallMs);
        double total = 0;
        double totalWall = 0;
        foreach (var (analyzer, telemetry) in analysis.AnalyzerTelemetryInfo)
        {
            totalWall += telemetry.ExecutionTime.TotalMilliseconds;
            var ms = telemetry.ExecutionTime.TotalMilliseconds * toCpu;
            total += ms;
            var rule = RuleName(analyzer);
            into.ByRuleMs[rule] = into.ByRuleMs.GetValueOrDefault(rule) + ms;
        }

        if (countDiagnostics)
        {
            foreach (var d in analysis.GetAllDiagnostics())
            {
                into.DiagnosticsById[d.Id] = into.DiagnosticsById.GetValueOrDefault(d.Id) + 1;
                if (into.Samples.Count < 40 && d.Id.StartsWith("IPC", StringComparison.Ordinal))
                {
                    var where = d.Location.GetLineSpan();
                    var line = d.Location.SourceTree?.GetText().Lines[where.StartLinePosition.Line].ToString().Trim();
                    into.Samples.Add($"{d.Id} {Path.GetFileName(where.Path)}:{where.StartLinePosition.Line + 1}: {line}  -- {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
                }
            }
        }

        into.OwnWallMs.Add(totalWall);
        return total;
    }

    /// <summary>An analyzer named by the rules it reports (IPC001, CA2000 …), else by its type.</summary>
    internal static string RuleName(DiagnosticAnalyzer analyzer)
    {
        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).ToArray();
        var name = ids.Length switch
        {
            0 => analyzer.GetType().Name,
            <= 3 => string.Join("/", ids),
            _ => $"{ids[0]}..{ids[^1]} ({ids.Length} ids)",
        };
        return ids.Length > 3 ? $"{analyzer.GetType().Name} [{name}]" : name;
    }

    private void WriteDetails(ProjectResult r)
    {
        details.WriteLine($"## {r.Name} ({r.Lines} lines)");
        details.WriteLine($"compile CPU ms: {string.Join(", ", r.CompileMs.Select(x => x.ToString("F0")))}; wall ms: {string.Join(", ", r.CompileWallMs.Select(x => x.ToString("F0")))}");
        foreach (var (name, p) in r.Packages)
        {
            details.WriteLine($"### {name}");
            details.WriteLine($"own CPU ms: {string.Join(", ", p.OwnMs.Select(x => x.ToString("F1")))}; own wall ms: {string.Join(", ", p.OwnWallMs.Select(x => x.ToString("F1")))}; wall ms of the whole analysis run (binding + analyzers): {string.Join(", ", p.WallMs.Select(x => x.ToString("F0")))}");
            var total = p.ByRuleMs.Values.Sum();
            foreach (var (rule, ms) in p.ByRuleMs.OrderByDescending(kv => kv.Value).Take(10))
                details.WriteLine($"- {rule}: {ms / p.OwnMs.Count:F1} ms per run ({(total > 0 ? 100 * ms / total : 0):F0}%)");
            if (p.DiagnosticsById.Count > 0)
                details.WriteLine("diagnostics (first run): " + string.Join(", ", p.DiagnosticsById.OrderByDescending(kv => kv.Value).Take(15).Select(kv => $"{kv.Key}={kv.Value}")));
            foreach (var e in p.Exceptions.Distinct().Take(5)) details.WriteLine($"EXCEPTION {e}");
            foreach (var sample in p.Samples) details.WriteLine($"    {sample}");
        }

        details.WriteLine();
        details.Flush();
    }
}
