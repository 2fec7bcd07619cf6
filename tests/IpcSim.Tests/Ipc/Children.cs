using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace IpcSim.Tests.Ipc;

/// <summary>
/// The extra processes the IPC tests need, started and reaped in this one place. Until fork and
/// waitpid exist this starts them through the kernel (inheriting attachments as fork does);
/// switch <see cref="Start(Func{int})"/> to fork and <see cref="Wait"/> to waitpid when they land.
/// </summary>
internal static class Children
{
    private static readonly ConditionalWeakTable<IpcSim.Kernel, Dictionary<int, Child>> Table = new();

    /// <summary>fork(body): the child's pid.</summary>
    internal static int Start(Func<int> body)
    {
        var parent = SimProcess.Current;
        var k = parent.Kernel;
        lock (k.Gate)
        {
            var child = new Child();
            var p = k.StartProcess(parent, () =>
            {
                lock (k.Gate) { } // wait until the parent has finished setting the child up
                return Run(k, SimProcess.Current, child, body);
            });
            parent.CopyIntoChild(p);
            Table.GetOrCreateValue(k).Add(p.Pid, child);
            return p.Pid;
        }
    }

    internal static int Start(Action body) => Start(() =>
    {
        body();
        return 0;
    });

    /// <summary>waitpid(pid, &amp;status, 0): the child's wait status; rethrows an assertion that failed in it.</summary>
    internal static int Wait(int pid)
    {
        var me = SimProcess.Current;
        var k = me.Kernel;
        Child child;
        lock (k.Gate)
        {
            child = Table.GetOrCreateValue(k)[pid];
            while (!child.Done) k.Scheduler.Block(me, child.Exited, "wait for child " + pid, interruptible: false);
            Table.GetOrCreateValue(k).Remove(pid);
        }

        child.Failure?.Throw();
        return child.Status;
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
    internal static void LetOthersRun()
    {
        var me = SimProcess.Current;
        var k = me.Kernel;
        lock (k.Gate) k.Scheduler.Block(me, null, "usleep", k.Clock.NowNs + 1_000_000, interruptible: false);
    }

    private static int Run(IpcSim.Kernel k, SimProcess me, Child child, Func<int> body)
    {
        int status;
        try
        {
            status = ExitedStatus(body());
        }
        catch (ProcessExitException e)
        {
            status = e.WaitStatus;
        }
        catch (Exception e)
        {
            child.Failure = ExceptionDispatchInfo.Capture(e);
            status = SignaledStatus(SIGABRT);
        }

        // Exit here (the kernel's own exit afterwards is a no-op), so that a waiter sees the
        // exit's effects: detached segments, SEM_UNDO applied.
        // The waiter is woken first: with it still asleep, this exit would leave no runnable process.
        lock (k.Gate)
        {
            child.Status = me.DyingStatus ?? status;
            child.Done = true;
            k.Scheduler.WakeAll(child.Exited);
            k.ExitProcess(me, status);
        }

        return WEXITSTATUS(status);
    }

    private sealed class Child
    {
        internal WaitQueue Exited { get; } = new("child exit");

        internal bool Done { get; set; }

        internal int Status { get; set; }

        internal ExceptionDispatchInfo? Failure { get; set; }
    }
}

/// <summary>Stands in for kill(pid, sig) with a handler installed until the signal work lands: makes a signal pending for the process.</summary>
internal static class Signals
{
    internal static void Interrupt(int pid)
    {
        var k = SimProcess.Current.Kernel;
        lock (k.Gate)
        {
            var p = k.FindProcess(pid)!;
            p.SignalPending = true;
            k.Scheduler.Interrupt(p);
        }
    }

    /// <summary>What delivering the signal to a handler does to the pending flag.</summary>
    internal static void ClearPending()
    {
        var p = SimProcess.Current;
        lock (p.Kernel.Gate) p.SignalPending = false;
    }
}
