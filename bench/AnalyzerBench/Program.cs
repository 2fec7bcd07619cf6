using System.Globalization;
using System.Reflection;

namespace IpcBench.Analyzers;

/// <summary>
/// AnalyzerBench --gen DIR --projects plain-10k,ipc-10k,... --ours IpcAnalyzers.dll --runs 5
///                --ide ipc-50k --ide-runs 20 --rows rows.tsv --details details.md
/// Measures, for each generated project and in the same run, the compile time without analyzers
/// and each analyzer package's own time (compiler telemetry), then the per-document IDE path.
/// Writes the table rows (section, measure, value, target, verdict) as TSV for bench/run.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var opts = ParseArgs(args);
        var gen = opts["gen"];
        var projects = opts["projects"].Split(',', StringSplitOptions.RemoveEmptyEntries);
        var runs = int.Parse(opts.GetValueOrDefault("runs", "5"), CultureInfo.InvariantCulture);
        var peerSizes = opts.GetValueOrDefault("peer-sizes", "10,50,200").Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToHashSet();
        var rows = new ResultRows(opts["rows"]);
        using var details = new StreamWriter(opts["details"]);

        var packages = LoadPackages(opts["ours"], details);
        if (packages[0].Analyzers.IsEmpty)
        {
            // main before the rules land: nothing of ours to measure (CompilationWithAnalyzers needs at least one).
            rows.Add("analyzer cost", $"{packages[0].Name}: analyzers found in {Path.GetFileName(opts["ours"])}", "none: nothing to measure", "at least one rule", false);
            rows.Flush();
            return 0;
        }

        var references = References.Load(opts.GetValueOrDefault("ipcsim"));
        details.WriteLine($"compiler: Microsoft.CodeAnalysis {typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version}");
        details.WriteLine();

        var bench = new CompileBench(references, packages, details);
        var results = new Dictionary<string, ProjectResult>();
        bench.WarmUp(Path.Combine(gen, projects[0]));
        foreach (var project in projects)
        {
            Console.Error.WriteLine($"analyzers: {project} ({runs} runs)");
            var withPeers = peerSizes.Contains(Report.Describe(project).Size);
            results[project] = await bench.MeasureAsync(Path.Combine(gen, project), project, runs, withPeers);
        }

        Report.Write(rows, results, packages, runs);

        if (opts.TryGetValue("ide", out var ideProject))
        {
            Console.Error.WriteLine($"analyzers: IDE latency on {ideProject}");
            var ideRuns = int.Parse(opts.GetValueOrDefault("ide-runs", "20"), CultureInfo.InvariantCulture);
            await IdeLatency.MeasureAsync(Path.Combine(gen, ideProject), ideProject, references, packages[0], ideRuns, rows, details);
        }

        rows.Flush();
        return 0;
    }

    private static List<AnalyzerPackage> LoadPackages(string ours, TextWriter details)
    {
        var meta = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value ?? "");
        var sdk = meta["SdkAnalyzersDir"];
        var roslynator = RoslynatorFolder(meta["RoslynatorDir"]);
        var packages = new List<AnalyzerPackage>
        {
            AnalyzerPackage.Load("IpcAnalyzers", [ours]),
            AnalyzerPackage.Load("NetAnalyzers (All)",
                [Path.Combine(sdk, "Microsoft.CodeAnalysis.NetAnalyzers.dll"), Path.Combine(sdk, "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll")],
                Directory.GetFiles(Path.Combine(sdk, "build", "config"), "analysislevel_*_all.globalconfig")
                    .OrderByDescending(f => f.Length).ThenByDescending(f => f, StringComparer.Ordinal).First()),
            AnalyzerPackage.Load("Roslynator", [Path.Combine(roslynator, "Roslynator.CSharp.Analyzers.dll")]),
        };
        foreach (var p in packages)
            details.WriteLine($"package {p.Name}: {p.Analyzers.Length} C# analyzers, {p.Options.Count} severity overrides");
        details.WriteLine($"Roslynator from {roslynator}");
        return packages;
    }

    /// <summary>The package's roslynX.Y folder for the newest compiler not newer than ours.</summary>
    private static string RoslynatorFolder(string root)
    {
        var compiler = typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version!;
        return Directory.GetDirectories(root, "roslyn*")
            .Select(d => (Dir: d, Version: Version.Parse(Path.GetFileName(d)["roslyn".Length..])))
            .Where(x => x.Version <= new Version(compiler.Major, compiler.Minor))
            .OrderByDescending(x => x.Version)
            .Select(x => Path.Combine(x.Dir, "cs"))
            .First();
    }

    private static Dictionary<string, string> ParseArgs(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        return map;
    }
}
