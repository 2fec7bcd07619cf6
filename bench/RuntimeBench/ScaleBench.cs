using static IpcBench.Runtime.SimKernel;
using static IpcSim.Libc;

namespace IpcBench.Runtime;

/// <summary>Per-operation times of one phase at 1x, 10x and 100x a base count.</summary>
internal sealed record ScalePoint(string Phase, int Count, double NsPerOp);

/// <summary>
/// IpcSim with many objects alive at once. Every scale does the same total number of operations:
/// the 1x count is cycled 100 times, 10x ten times and 100x once, so the per-operation times
/// compare like with like and the small counts are not lost in timer noise. Times are CPU time
/// (of every thread of the process), the best of a few rounds: what a busy neighbour adds to the
/// wall clock is not the simulation's cost.
/// </summary>
internal static class ScaleBench
{
    private const int Mode0600 = S_IRUSR | S_IWUSR;
    private const int KeyBase = 0x5EED0000;

    internal static readonly int[] Multiples = [1, 10, 100];

    private static TimeSpan Cpu => Environment.CpuUsage.TotalTime;

    /// <summary>The best of <paramref name="rounds"/> measurements of each (phase, count).</summary>
    internal static List<ScalePoint> Best(int rounds, Func<List<ScalePoint>> measure) =>
        Enumerable.Range(0, rounds).SelectMany(_ => measure())
            .GroupBy(p => (p.Phase, p.Count))
            .Select(g => g.MinBy(p => p.NsPerOp)!)
            .ToList();

    /// <summary>create (keyed, IPC_EXCL), look up (get by key + a ctl by id), remove (IPC_RMID).</summary>
    internal static List<ScalePoint> Objects(string kind, int baseCount)
    {
        var points = new List<ScalePoint>();
        foreach (var m in Multiples)
        {
            var count = baseCount * m;
            var cycles = Multiples[^1] / m;
            double create = 0, lookup = 0, remove = 0;
            Simulate(() =>
            {
                var ids = new int[count];
                for (var c = 0; c < cycles; c++)
                {
                    var t = Cpu;
                    for (var i = 0; i < count; i++) ids[i] = Create(kind, KeyBase + i);
                    create += (Cpu - t).TotalSeconds;
                    t = Cpu;
                    for (var i = count - 1; i >= 0; i--) Lookup(kind, KeyBase + i, ids[i]);
                    lookup += (Cpu - t).TotalSeconds;
                    t = Cpu;
                    for (var i = 0; i < count; i++) Remove(kind, ids[i]);
                    remove += (Cpu - t).TotalSeconds;
                }

                return 0;
            });
            var ops = (double)count * cycles;
            points.Add(new ScalePoint("create", count, create * 1e9 / ops));
            points.Add(new ScalePoint("look up", count, lookup * 1e9 / ops));
            points.Add(new ScalePoint("remove", count, remove * 1e9 / ops));
        }

        return points;
    }

    private static int Create(string kind, int key) => kind switch
    {
        "sem" => Ok(semget(key, 1, IPC_CREAT | IPC_EXCL | Mode0600), "semget"),
        "shm" => Ok(shmget(key, 4096, IPC_CREAT | IPC_EXCL | Mode0600), "shmget"),
        _ => Ok(msgget(key, IPC_CREAT | IPC_EXCL | Mode0600), "msgget"),
    };

    private static void Lookup(string kind, int key, int id)
    {
        int found;
        switch (kind)
        {
            case "sem":
                found = Ok(semget(key, 1, 0), "semget");
                Ok(semctl(id, 0, GETVAL), "semctl(GETVAL)");
                break;
            case "shm":
                found = Ok(shmget(key, 4096, 0), "shmget");
                Ok(shmctl(id, IPC_STAT, new IpcSim.ShmidDs()), "shmctl(IPC_STAT)");
                break;
            default:
                found = Ok(msgget(key, 0), "msgget");
                Ok(msgctl(id, IPC_STAT, new IpcSim.MsqidDs()), "msgctl(IPC_STAT)");
                break;
        }

        if (found != id) throw new InvalidOperationException($"{kind} key {key:X} found id {found}, created {id}");
    }

    private static void Remove(string kind, int id) => _ = kind switch
    {
        "sem" => Ok(semctl(id, 0, IPC_RMID), "semctl(IPC_RMID)"),
        "shm" => Ok(shmctl(id, IPC_RMID, null), "shmctl(IPC_RMID)"),
        _ => Ok(msgctl(id, IPC_RMID, null), "msgctl(IPC_RMID)"),
    };

    /// <summary>
    /// N processes forked to block in semop on one semaphore, then all released by one V of N and
    /// reaped: per process, the time to fork and see it blocked, and the time from the release to
    /// its reaping.
    /// </summary>
    internal static List<ScalePoint> BlockedProcesses(int baseCount)
    {
        var points = new List<ScalePoint>();
        foreach (var m in Multiples)
        {
            var count = baseCount * m;
            var cycles = Multiples[^1] / m;
            double block = 0, release = 0;
            Simulate(() =>
            {
                for (var c = 0; c < cycles; c++)
                {
                    var sem = Ok(semget(IPC_PRIVATE, 1, IPC_CREAT | Mode0600), "semget");
                    var t = Cpu;
                    var pids = new int[count];
                    for (var i = 0; i < count; i++)
                    {
                        pids[i] = Ok(fork(() =>
                        {
                            var down = new[] { new IpcSim.Sembuf(0, -1, 0) };
                            while (semop(sem, down, 1) == -1)
                            {
                                if (errno != EINTR) return 1;
                            }

                            return 0;
                        }), "fork");
                    }

                    // usleep lets every other process run until it blocks (virtual clock).
                    while (Ok(semctl(sem, 0, GETNCNT), "semctl(GETNCNT)") < count) Ok(usleep(1000), "usleep");
                    block += (Cpu - t).TotalSeconds;
                    t = Cpu;
                    Ok(semop(sem, [new IpcSim.Sembuf(0, count, 0)], 1), "semop");
                    foreach (var pid in pids) Reap(pid);
                    release += (Cpu - t).TotalSeconds;
                    Ok(semctl(sem, 0, IPC_RMID), "semctl(IPC_RMID)");
                }

                return 0;
            });
            var ops = (double)count * cycles;
            points.Add(new ScalePoint("fork + block", count, block * 1e9 / ops));
            points.Add(new ScalePoint("release + reap", count, release * 1e9 / ops));
        }

        return points;
    }
}
