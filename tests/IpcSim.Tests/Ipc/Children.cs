using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace IpcSim.Tests.Ipc;

/// <summary>
/// The extra processes the IPC tests need: fork, waitpid and a signal, with an assertion that
/// fails in a child rethrown in the test. Each child handles SIGUSR1 without SA_RESTART, so
/// <see cref="Signals.Interrupt"/> makes its blocked call fail with EINTR.
/// </summary>
internal static class Children
{
    private static readonly ConditionalWeakTable<IpcSim.Kernel, Dictionary<int, ExceptionDispatchInfo>> Failures = new();

    /// <summary>fork(body): the child's pid.</summary>
    internal static int Start(Func<int> body)
    {
        var k = SimProcess.Current.Kernel;
        var failures = Failures.GetOrCreateValue(k);
        var pid = fork(() =>
        {
            ErrnoAssert.Succeeds(() => sigaction(SIGUSR1, new SigAction { sa_handler = static _ => { } }, null));
            try
            {
                return body();
            }
            catch (Exception e) when (e is not ProcessExitException)
            {
                lock (failures) failures[getpid()] = ExceptionDispatchInfo.Capture(e);
                throw;
            }
        });
        Assert.True(pid > 0, "fork failed: " + strerror(errno));
        return pid;
    }

    internal static int Start(Action body) => Start(() =>
    {
        body();
        return 0;
    });

    /// <summary>waitpid(pid, &amp;status, 0): the child's wait status; rethrows an assertion that failed in it.</summary>
    internal static int Wait(int pid)
    {
        int r, status;
        do
        {
            r = waitpid(pid, out status, 0);
        }
        while (r == -1 && errno == EINTR);
        Assert.True(r == pid, $"waitpid({pid}) failed: {strerror(errno)}");
        var failures = Failures.GetOrCreateValue(SimProcess.Current.Kernel);
        ExceptionDispatchInfo? failure;
        lock (failures) failures.Remove(pid, out failure);
        failure?.Throw();
        return status;
    }

    /// <summary>Waits for each child and asserts it exited with status 0.</summary>
    internal static void WaitAllSucceeded(params int[] pids)
    {
        foreach (var pid in pids)
        {
            var status = Wait(pid);
            Assert.True(WIFEXITED(status) && WEXITSTATUS(status) == 0, $"child {pid} ended with wait status 0x{status:x}");
        }
    }

    /// <summary>usleep(1000) on the virtual clock: every other process runs until it blocks or ends.</summary>
    internal static void LetOthersRun() => Assert.Equal(0, usleep(1000));
}

/// <summary>kill(pid, SIGUSR1) to a child started by <see cref="Children"/>: its handler runs, its blocked call fails with EINTR.</summary>
internal static class Signals
{
    internal static void Interrupt(int pid) => Assert.Equal(0, kill(pid, SIGUSR1));
}
