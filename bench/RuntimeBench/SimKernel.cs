using System.Diagnostics;
using IpcSim;
using static IpcSim.Libc;

namespace IpcBench.Runtime;

/// <summary>
/// The same four operations on IpcSim, the second party a forked simulated process. Each runs in
/// a fresh Kernel and returns the seconds its measured loop took; a leak or a failed call throws.
/// </summary>
internal static class SimKernel
{
    private const int Mode0600 = S_IRUSR | S_IWUSR;

    internal static double SemPingPong(int rounds) => Simulate(() =>
    {
        var sem = Ok(semget(IPC_PRIVATE, 2, IPC_CREAT | Mode0600), "semget");
        var pid = Ok(fork(() =>
        {
            for (var i = 0; i < rounds; i++)
            {
                Change(sem, 0, -1);
                Change(sem, 1, 1);
            }

            return 0;
        }), "fork");
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            Change(sem, 0, 1);
            Change(sem, 1, -1);
        }

        sw.Stop();
        Reap(pid);
        Ok(semctl(sem, 0, IPC_RMID), "semctl");
        return sw.Elapsed.TotalSeconds;
    });

    private static void Change(int sem, int num, int delta)
    {
        var op = new[] { new Sembuf(num, delta, 0) };
        while (semop(sem, op, 1) == -1)
        {
            if (errno != EINTR) Ok(-1, "semop");
        }
    }

    internal static double MessageThroughput(int messages, int size) => Simulate(() =>
    {
        var q = Ok(msgget(IPC_PRIVATE, IPC_CREAT | Mode0600), "msgget");
        var sw = Stopwatch.StartNew();
        var pid = Ok(fork(() =>
        {
            var msg = new MsgBuf(1, size);
            for (var i = 0; i < messages; i++) Ok(msgsnd(q, msg, size, 0), "msgsnd");
            return 0;
        }), "fork");
        var rmsg = new MsgBuf(0, size);
        for (var i = 0; i < messages; i++) Ok(msgrcv(q, rmsg, size, 0, 0), "msgrcv");
        sw.Stop();
        Reap(pid);
        Ok(msgctl(q, IPC_RMID, null), "msgctl");
        return sw.Elapsed.TotalSeconds;
    });

    internal static double PipeThroughput(int writes, int size) => Simulate(() =>
    {
        var fds = new int[2];
        Ok(pipe(fds), "pipe");
        var sw = Stopwatch.StartNew();
        var pid = Ok(fork(() =>
        {
            Ok(close(fds[0]), "close");
            var data = new byte[size];
            for (var i = 0; i < writes; i++)
            {
                // write(2) on a blocking pipe moves everything before it returns.
                if (Ok(write(fds[1], data, size), "write") != size) throw new InvalidOperationException("short write");
            }

            Ok(close(fds[1]), "close");
            return 0;
        }), "fork");
        Ok(close(fds[1]), "close");
        var buf = new byte[size];
        long total = 0, n;
        while ((n = Ok(read(fds[0], buf, size), "read")) > 0) total += n;
        sw.Stop();
        Ok(close(fds[0]), "close");
        Reap(pid);
        if (total != (long)writes * size) throw new InvalidOperationException($"pipe moved {total} bytes");
        return sw.Elapsed.TotalSeconds;
    });

    internal static double ShmCycles(int cycles) => Simulate(() =>
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < cycles; i++)
        {
            var id = Ok(shmget(IPC_PRIVATE, 4096, IPC_CREAT | Mode0600), "shmget");
            var addr = shmat(id, 0, 0);
            if (addr == -1) Ok(-1, "shmat");
            Ok(shmdt(addr), "shmdt");
            Ok(shmctl(id, IPC_RMID, null), "shmctl");
        }

        return sw.Elapsed.TotalSeconds;
    });

    /// <summary>Runs <paramref name="body"/> as the main process of a fresh kernel; returns what it measured.</summary>
    internal static double Simulate(Func<double> body)
    {
        var kernel = new Kernel(new KernelOptions { Watchdog = TimeSpan.FromMinutes(10) });
        double seconds = double.NaN;
        var status = kernel.Run(() =>
        {
            seconds = body();
            return 0;
        });
        if (status != 0) throw new InvalidOperationException($"simulation ended with status {status:X}");
        if (kernel.Leaks.Count > 0) throw new InvalidOperationException($"simulation leaked {kernel.Leaks.Count} objects");
        return seconds;
    }

    internal static void Reap(int pid)
    {
        int r, status;
        do
        {
            r = waitpid(pid, out status, 0);
        }
        while (r == -1 && errno == EINTR);
        if (r == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            throw new InvalidOperationException($"child {pid} ended badly (status {status:X})");
    }

    internal static int Ok(int result, string call) =>
        result == -1 ? throw new InvalidOperationException($"{call}: {strerror(errno)}") : result;

    internal static long Ok(long result, string call) =>
        result == -1 ? throw new InvalidOperationException($"{call}: {strerror(errno)}") : result;
}
