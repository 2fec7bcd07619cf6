using System.Globalization;

namespace IpcBench.Analyzers;

/// <summary>Turns the measurements into table rows, each with its target.</summary>
internal static class Report
{
    private const string Section = "analyzer cost";

    internal static void Write(ResultRows rows, Dictionary<string, ProjectResult> results, List<AnalyzerPackage> packages, int runs)
    {
        var ours = packages[0].Name;
        foreach (var r in results.Values)
        {
            var (kind, size) = Describe(r.Name);
            var label = $"{kind} {size}k ({r.Lines:N0} lines)";
            rows.Add(Section, $"{label}: compile, no analyzers", $"{Stats.Median(r.CompileMs):F0} ms CPU median, {Stats.Min(r.CompileMs):F0} min, {runs} runs");
            // Peers not run at this size: compare with their shares at the largest size they ran at (shares of
            // linear analyzers do not depend on size).
            var peerSource = r.Packages.Count > 1 ? r : results.Values
                .Where(x => Describe(x.Name).Kind == kind && x.Packages.Count > 1)
                .OrderByDescending(x => Describe(x.Name).Size).FirstOrDefault();
            var peers = peerSource is null ? [] : packages.Skip(1).Where(p => peerSource.Packages.ContainsKey(p.Name)).ToArray();
            var peerMedian = peers.Select(p => Stats.Median(peerSource!.Packages[p.Name].Share)).DefaultIfEmpty(double.NaN).Min();
            var peerNote = peerSource is null || peerSource == r ? "" : $" at {Describe(peerSource.Name).Size}k";
            foreach (var p in packages.Where(p => r.Packages.ContainsKey(p.Name)))
            {
                var pr = r.Packages[p.Name];
                var share = Stats.Median(pr.Share);
                var value = $"{Pct(share)} median, {Pct(Stats.Min(pr.Share))} min ({Stats.Median(pr.OwnMs):F0} ms)";
                if (pr.Exceptions.Count > 0) value += $"; {pr.Exceptions.Count} analyzer exceptions";
                if (p.Name != ours)
                {
                    rows.Add(Section, $"{label}: {p.Name} share (peer)", value);
                }
                else if (kind == "plain")
                {
                    rows.Add(Section, $"{label}: {p.Name} share", value, "<= 1%", share <= 0.01 && pr.Exceptions.IsEmpty);
                }
                else if (peers.Length == 0)
                {
                    rows.Add(Section, $"{label}: {p.Name} share", value, "<= 10% (peers not run at this size)", share <= 0.10 && pr.Exceptions.IsEmpty);
                }
                else
                {
                    rows.Add(Section, $"{label}: {p.Name} share", value, $"<= 10% and < peers' ({Pct(peerMedian)}{peerNote})",
                        share <= 0.10 && share < peerMedian && pr.Exceptions.IsEmpty);
                }
            }
        }

        foreach (var kind in new[] { "plain", "ipc" })
        {
            var sized = results.Values.Where(r => Describe(r.Name).Kind == kind).OrderBy(r => Describe(r.Name).Size).ToArray();
            if (sized.Length < 2) continue;
            var (small, large) = (sized[0], sized[^1]);
            var factor = (double)Describe(large.Name).Size / Describe(small.Name).Size;
            var ratio = Stats.Median(large.Packages[ours].OwnMs) / Stats.Median(small.Packages[ours].OwnMs);
            var compileRatio = Stats.Median(large.CompileMs) / Stats.Median(small.CompileMs);
            rows.Add(Section, $"{kind}: {ours} time {Describe(large.Name).Size}k / {Describe(small.Name).Size}k",
                $"{ratio:F1}x (compile {compileRatio:F1}x)", $"<= {factor:F0}x (linear)", ratio <= factor);

            foreach (var p in packages)
            {
                var at = sized.LastOrDefault(r => r.Packages.ContainsKey(p.Name));
                if (at is null) continue;
                rows.Add(Section, $"{kind} {Describe(at.Name).Size}k: top rules by time, {p.Name}", TopRules(at.Packages[p.Name], 3));
            }
        }

        var firstIpc = results.Values.Where(r => Describe(r.Name).Kind == "ipc").OrderBy(r => Describe(r.Name).Size).FirstOrDefault();
        if (firstIpc is not null)
        {
            var counts = firstIpc.Packages[ours].DiagnosticsById;
            var text = counts.Count == 0 ? "none" : string.Join(" ", counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
            rows.Add(Section, $"ipc {Describe(firstIpc.Name).Size}k: {ours} diagnostics (sanity: the rules ran)", text);
        }
    }

    internal static string Pct(double x) => double.IsNaN(x) ? "n/a" : (x * 100).ToString(x < 0.1 ? "F2" : "F1", CultureInfo.InvariantCulture) + "%";

    private static string TopRules(PackageResult p, int n)
    {
        var total = p.ByRuleMs.Values.Sum();
        if (total <= 0) return "no time recorded";
        return string.Join(", ", p.ByRuleMs.OrderByDescending(kv => kv.Value).Take(n)
            .Select(kv => $"{kv.Key} {100 * kv.Value / total:F0}%"));
    }

    /// <summary>"ipc-200k" → ("ipc", 200).</summary>
    internal static (string Kind, int Size) Describe(string project)
    {
        var dash = project.LastIndexOf('-');
        return (project[..dash], int.Parse(project[(dash + 1)..^1], CultureInfo.InvariantCulture));
    }
}
