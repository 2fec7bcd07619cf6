using System.Diagnostics;

namespace IpcSim;

// The process-model work (issue 3). Mirrors kernel/exit.c: do_wait() and do_notify_parent().
public sealed partial class Kernel
{
    // waitpid's option bits Linux accepts (kernel_wait4); the last three only matter for threads and clones.
    private const int WaitOptions = Libc.WNOHANG | Libc.WUNTRACED | Libc.WCONTINUED
        | 0x20000000 /* __WNOTHREAD */ | 0x40000000 /* __WALL */ | unchecked((int)0x80000000) /* __WCLONE */;

    /// <summary>
    /// do_wait(): the child <paramref name="pid"/> selects (-1 any, &gt; 0 that one, 0 the caller's
    /// process group, &lt; -1 group -pid) that has exited (or, with WUNTRACED/WCONTINUED, stopped or
    /// continued). Returns its pid, 0 under WNOHANG, -ECHILD when nothing could ever match, or
    /// -ERESTARTSYS when a signal interrupts the sleep (SA_RESTART restarts the call).
    /// </summary>
    internal int Wait(SimProcess caller, int pid, int options, out int status)
    {
        status = 0;
        if ((options & ~WaitOptions) != 0) return -Libc.EINVAL;
        if (pid == int.MinValue) return -Libc.ESRCH; // -INT_MIN is no process group
        var what = "waitpid(" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
        using (EnterGate())
        {
            while (true)
            {
                var anyChild = false;
                foreach (var child in caller.Children)
                {
                    if (!Selects(caller, child, pid)) continue;
                    anyChild = true;
                    if (ConsumeChange(child, options, out status)) return child.Pid;
                }

                if (!anyChild) return -Libc.ECHILD;
                if ((options & Libc.WNOHANG) != 0) return 0;

                // As Linux, children are scanned again after every wake-up before a pending signal
                // counts: the SIGCHLD of the very exit we wait for never turns into EINTR.
                if (caller.SignalPending) return -Libc.ERESTARTSYS;
                Scheduler.Block(caller, caller.ChildExitQueue, what);
            }
        }
    }

    private static bool Selects(SimProcess caller, SimProcess child, int pid) => pid switch
    {
        -1 => true,
        > 0 => child.Pid == pid,
        0 => child.Pgid == caller.Pgid,
        _ => child.Pgid == -pid,
    };

    // wait_task_zombie / wait_task_stopped / wait_task_continued.
    private bool ConsumeChange(SimProcess child, int options, out int status)
    {
        status = 0;
        if (child.State == ProcessState.Zombie)
        {
            status = child.WaitStatus;
            Reap(child);
            return true;
        }

        if ((options & Libc.WUNTRACED) != 0 && child.Stopped && child.UnreportedStopSignal != 0)
        {
            status = Libc.StoppedStatus(child.UnreportedStopSignal);
            child.UnreportedStopSignal = 0;
            return true;
        }

        if ((options & Libc.WCONTINUED) != 0 && child.UnreportedContinue)
        {
            status = Libc.ContinuedStatus;
            child.UnreportedContinue = false;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Call with the Gate held. do_notify_parent(): a child became a zombie. Sends SIGCHLD and wakes the
    /// parent's wait. When the parent ignores SIGCHLD (SIG_IGN) or set SA_NOCLDWAIT the child is reaped
    /// at once, and a wait() then blocks until every child is gone and fails with ECHILD.
    /// </summary>
    partial void NotifyParent(SimProcess parent, SimProcess child)
    {
        Debug.Assert(Monitor.IsEntered(Gate), "Call with the Gate held");
        var action = parent.ActionOf(Libc.SIGCHLD);
        var autoReap = action.IsIgnore || (action.Flags & Libc.SA_NOCLDWAIT) != 0;
        if (!action.IsIgnore) SendSignal(parent, Libc.SIGCHLD);
        if (autoReap) Reap(child);
        Scheduler.WakeAll(parent.ChildExitQueue);
    }

    /// <summary>Call with the Gate held. do_notify_parent_cldstop(): a child stopped or continued.</summary>
    internal void NotifyParentOfStateChange(SimProcess child)
    {
        Debug.Assert(Monitor.IsEntered(Gate), "Call with the Gate held");
        if (child.Parent is not { } parent || parent == Init || !parent.IsAlive) return;
        if ((parent.ActionOf(Libc.SIGCHLD).Flags & Libc.SA_NOCLDSTOP) == 0) SendSignal(parent, Libc.SIGCHLD);
        Scheduler.WakeAll(parent.ChildExitQueue);
    }
}
