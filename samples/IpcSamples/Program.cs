namespace IpcSamples;

/// <summary>
/// <c>dotnet run --project samples/IpcSamples -- NAME</c> runs one sample under a fresh
/// simulated kernel and then reports what it left behind; <c>-- all</c> runs every sample;
/// no argument lists them.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Usage();
            return args.Length == 0 ? 0 : 2;
        }

        if (args[0] == "all")
        {
            var worst = 0;
            foreach (var s in SampleCatalog.All) worst = Math.Max(worst, RunOne(s));
            return worst;
        }

        var sample = SampleCatalog.Find(args[0]);
        if (sample is null)
        {
            Console.Error.WriteLine($"no sample named '{args[0]}'");
            Usage();
            return 2;
        }

        return RunOne(sample);
    }

    private static int RunOne(Sample sample)
    {
        Console.WriteLine($"===== {sample.Name} =====");
        var result = SampleRun.Run(sample, Console.Out, Console.Error);
        Console.WriteLine();
        Console.WriteLine(result.Leaks.Count == 0
            ? "[kernel] no IPC object left behind"
            : "[kernel] leaked: " + string.Join(", ", result.Leaks.Select(l => $"{l.Kind} id {l.Id} key 0x{l.Key:x8}")));
        Console.WriteLine(WIFEXITED(result.WaitStatus)
            ? $"[kernel] exit status {WEXITSTATUS(result.WaitStatus)}"
            : $"[kernel] killed by signal {WTERMSIG(result.WaitStatus)}");
        Console.WriteLine();
        return result.ExitedZero && result.Leaks.Count == 0 ? 0 : 1;
    }

    private static void Usage()
    {
        Console.WriteLine("usage: dotnet run --project samples/IpcSamples -- NAME|all");
        Console.WriteLine();
        foreach (var s in SampleCatalog.All) Console.WriteLine($"  {s.Name,-22} {s.Summary}");
    }
}
