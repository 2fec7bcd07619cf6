using System.Globalization;
using System.Text;

namespace IpcBench.Runtime;

/// <summary>
/// RuntimeBench --rows rows.tsv [--quick]: IpcSim next to the real kernel (ops/s and the ratio
/// sim/real, the two sides alternating within one run), then IpcSim at 1x, 10x and 100x object
/// counts. Writes table rows (section, measure, value, target, verdict) as TSV for bench/run.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var rowsPath = args.SkipWhile(a => a != "--rows").Skip(1).FirstOrDefault() ?? "runtime-rows.tsv";
        var quick = args.Contains("--quick");
        if (args.Length == 3 && args[0] == "--probe") return Probe(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        var rows = new StringBuilder();
        void Row(string section, string measure, string value, string target = "", bool? met = null) =>
            rows.Append(CultureInfo.InvariantCulture, $"{section}\t{measure}\t{value}\t{target}\t{met switch { true => "ok", false => "MISSED", null => "" }}\n");

        var reps = quick ? 3 : 5;
        var scale = quick ? 1 : 4;
        var unavailable = NativeIpc.Unavailable();
        if (unavailable is not null) Row("runtime speed", "real kernel side", $"skipped: {unavailable}");

        var cases = new (string Name, string Unit, int Ops, Func<int, double> Sim, Func<int, double> Real)[]
        {
            ("semaphore ping-pong (2 sems, P/V)", "round trips/s", 5_000 * scale, SimKernel.SemPingPong, RealKernel.SemPingPong),
            ("msgsnd/msgrcv, 64-byte messages", "messages/s", 25_000 * scale, n => SimKernel.MessageThroughput(n, 64), n => RealKernel.MessageThroughput(n, 64)),
            ("pipe, 64 KiB writes", "writes/s", 4_000 * scale, n => SimKernel.PipeThroughput(n, 65536), n => RealKernel.PipeThroughput(n, 65536)),
            ("shmget+shmat+shmdt+IPC_RMID", "cycles/s", 5_000 * scale, SimKernel.ShmCycles, RealKernel.ShmCycles),
        };
        foreach (var c in cases)
        {
            Console.Error.WriteLine($"runtime: {c.Name}");
            c.Sim(c.Ops / 10); // warm-up: JIT, thread pool
            if (unavailable is null) c.Real(c.Ops / 10);
            var sim = new List<double>();
            var real = new List<double>();
            for (var r = 0; r < reps; r++)
            {
                sim.Add(c.Ops / c.Sim(c.Ops));
                if (unavailable is null) real.Add(c.Ops / c.Real(c.Ops));
            }

            var simMedian = Median(sim);
            if (unavailable is not null)
            {
                Row("runtime speed", c.Name, $"sim {Rate(simMedian)} {c.Unit} (median of {reps}); real kernel skipped");
                continue;
            }

            var realMedian = Median(real);
            var ratio = simMedian / realMedian;
            Row("runtime speed", $"{c.Name}: sim/real",
                $"{ratio:F2}x (sim {Rate(simMedian)}, real {Rate(realMedian)} {c.Unit}; medians of {reps}, {c.Ops:N0} ops each)",
                ">= 1.0x", ratio >= 1.0);
        }

        var objectCases = new (string Kind, string Label, int Base)[]
        {
            ("sem", "semaphore sets", 320), ("shm", "shm segments", 40), ("msg", "message queues", 320),
        };
        foreach (var (kind, label, baseCount) in objectCases)
        {
            Console.Error.WriteLine($"runtime: scale, {label}");
            ScaleBench.Objects(kind, baseCount / 10); // warm-up: JIT the paths before the 1x figures
            ScaleRows(Row, label, ScaleBench.Best(reps, () => ScaleBench.Objects(kind, baseCount)));
        }

        Console.Error.WriteLine("runtime: scale, blocked processes");
        ScaleBench.BlockedProcesses(1);
        ScaleRows(Row, "processes blocked on one semaphore", ScaleBench.Best(reps, () => ScaleBench.BlockedProcesses(10)));

        File.AppendAllText(rowsPath, rows.ToString());
        return 0;
    }

    /// <summary>One case alone, for profiling: --probe sem|realsem|msg|pipe|shm|procs N.</summary>
    private static int Probe(string what, int n)
    {
        if (what == "procs")
        {
            foreach (var point in ScaleBench.Best(3, () => ScaleBench.BlockedProcesses(n)))
                Console.WriteLine($"{point.Phase} {point.Count}: {point.NsPerOp / 1000:F1} us CPU per op");
            return 0;
        }

        var seconds = what switch
        {
            "sem" => SimKernel.SemPingPong(n),
            "msg" => SimKernel.MessageThroughput(n, 64),
            "pipe" => SimKernel.PipeThroughput(n, 65536),
            "realsem" => RealKernel.SemPingPong(n),
            _ => SimKernel.ShmCycles(n),
        };
        Console.WriteLine($"{what}: {n / seconds:F0} ops/s");
        return 0;
    }

    private static void ScaleRows(Action<string, string, string, string, bool?> row, string label, List<ScalePoint> points)
    {
        foreach (var phase in points.Select(p => p.Phase).Distinct())
        {
            var series = points.Where(p => p.Phase == phase).OrderBy(p => p.Count).ToArray();
            var ratio = series[^1].NsPerOp / series[0].NsPerOp;
            var values = string.Join(", ", series.Select(p => $"{p.Count:N0}: {Time(p.NsPerOp)}"));
            row("runtime scale", $"{label}, {phase}: per op 100x/1x", $"{ratio:F2}x ({values} CPU per op)", "flat: <= 2x", ratio <= 2.0);
        }
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
    }

    private static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => $"{perSecond / 1e6:F2}M",
        >= 1e3 => $"{perSecond / 1e3:F1}k",
        _ => $"{perSecond:F0}",
    };

    private static string Time(double ns) => ns switch
    {
        >= 1e6 => $"{ns / 1e6:F2} ms",
        >= 1e3 => $"{ns / 1e3:F2} us",
        _ => $"{ns:F0} ns",
    };
}
