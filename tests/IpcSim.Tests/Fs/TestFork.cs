using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace IpcSim.Tests;

/// <summary>
/// fork(2) for the file tests: the child installs a SIGUSR1 handler without SA_RESTART (so
/// <see cref="Child.Interrupt"/> interrupts its blocked call), and an assertion failing in a child
/// fails the test through <see cref="Run"/>.
/// </summary>
internal static class TestFork
{
    private static readonly ConditionalWeakTable<IpcSim.Kernel, List<ExceptionDispatchInfo>> Failures = new();

    /// <summary>Sim.Run, then rethrows the first assertion that failed in any child.</summary>
    internal static IpcSim.Kernel Run(Action main, bool allowLeaks = false)
    {
        var failures = new List<ExceptionDispatchInfo>();
        IpcSim.Kernel kernel;
        try
        {
            kernel = Sim.Run(() =>
            {
                Failures.AddOrUpdate(SimProcess.Current.Kernel, failures);
                main();
            }, allowLeaks);
        }
        catch (Exception) when (FirstOf(failures) is not null)
        {
            FirstOf(failures)!.Throw();
            throw;
        }

        FirstOf(failures)?.Throw();
        return kernel;
    }

    /// <summary>fork(): the child runs <paramref name="body"/> with a copy of the caller's descriptor table.</summary>
    internal static Child Start(Action body) => Start(() =>
    {
        body();
        return 0;
    });

    internal static Child Start(Func<int> body)
    {
        var k = SimProcess.Current.Kernel;
        var failures = Failures.TryGetValue(k, out var list) ? list : [];
        var pid = fork(() =>
        {
            // A handler without SA_RESTART, so that Child.Interrupt makes a blocked call fail with EINTR.
            ErrnoAssert.Succeeds(() => sigaction(SIGUSR1, new SigAction { sa_handler = static _ => { } }, null));
            try
            {
                return body();
            }
            catch (Exception e) when (e is not ProcessExitException)
            {
                lock (failures) failures.Add(ExceptionDispatchInfo.Capture(e));
                throw;
            }
        });
        Assert.True(pid > 0, "fork failed: " + strerror(errno));
        lock (k.Gate) return new Child(k.FindProcess(pid)!);
    }

    private static ExceptionDispatchInfo? FirstOf(List<ExceptionDispatchInfo> failures)
    {
        lock (failures) return failures.FirstOrDefault();
    }
}

/// <summary>A child started by <see cref="TestFork"/>, observed from the test (wait(2) stand-in).</summary>
internal sealed class Child
{
    internal Child(SimProcess process) => Process = process;

    internal SimProcess Process { get; }

    internal int Pid => Process.Pid;

    private int? reapedStatus;

    /// <summary>waitpid(2) for this child: its wait status (remembered once reaped).</summary>
    internal int Wait()
    {
        if (reapedStatus is { } reaped) return reaped;
        int r, status;
        do
        {
            r = waitpid(Pid, out status, 0);
        }
        while (r == -1 && errno == EINTR);
        Assert.True(r == Pid, "waitpid failed: " + strerror(errno));
        reapedStatus = status;
        return status;
    }

    /// <summary>Waits until the child is asleep in the kernel (blocked in a call).</summary>
    internal void WaitUntilBlocked()
    {
        var k = Process.Kernel;
        while (true)
        {
            lock (k.Gate)
            {
                if (Process.Waiters.Count > 0 || !Process.IsAlive) return;
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Sends SIGUSR1, which the child handles without SA_RESTART: its blocked call fails with EINTR.</summary>
    internal void Interrupt() => Assert.Equal(0, kill(Pid, SIGUSR1));
}
