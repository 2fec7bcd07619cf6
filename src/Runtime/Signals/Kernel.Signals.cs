using System.Diagnostics;

namespace IpcSim;

// Owned by the signals work (issue 3). Mirrors kernel/signal.c: generation of signals.
public sealed partial class Kernel
{
    /// <summary>
    /// Call with the Gate held. send_signal(): make <paramref name="sig"/> pending for the target and
    /// wake it. Discarded when the target ignores it (and does not block it); a fatal default action
    /// (and SIGKILL) kills the target at once: it dies at its next kernel entry, or on waking if asleep.
    /// Init (pid 1) never installs handlers, so, as on Linux, signals sent to it are discarded.
    /// </summary>
    internal void SendSignal(SimProcess target, int sig)
    {
        Debug.Assert(Monitor.IsEntered(Gate), "Call with the Gate held");
        if (!SignalBits.IsValid(sig) || !target.IsAlive || target == Init || target.DyingStatus is not null) return;

        // prepare_signal(): a stop signal cancels a pending SIGCONT, and SIGCONT cancels pending stops
        // and resumes a stopped process (whatever its disposition of SIGCONT).
        if ((SignalBits.StopSignals & SignalBits.Bit(sig)) != 0)
        {
            target.DiscardPending(SignalBits.Bit(Libc.SIGCONT));
        }
        else if (sig == Libc.SIGCONT)
        {
            target.DiscardPending(SignalBits.StopSignals);
            if (target.Stopped)
            {
                target.Continue();
                target.UnreportedStopSignal = 0;
                target.UnreportedContinue = true;
                NotifyParentOfStateChange(target);
            }
        }

        if (sig != Libc.SIGKILL && target.IgnoresSignal(sig)) return;

        var action = target.ActionOf(sig);
        var blocked = (target.BlockedSignals & SignalBits.Bit(sig)) != 0;
        if (sig == Libc.SIGKILL || (action.IsDefault && !blocked && SignalBits.DefaultActionOf(sig) == DefaultAction.Terminate))
        {
            // complete_signal(): a fatal signal takes the whole process down without waiting for delivery.
            target.DyingStatus = Libc.SignaledStatus(sig);
            Scheduler.WakeToDie(target);
            return;
        }

        target.MakePending(sig);
        if (target.SignalPending) Scheduler.Interrupt(target);
    }

    /// <summary>
    /// kill(2), as kill_something_info(). pid &gt; 0: that process; 0: the caller's process group;
    /// -1: every process the caller may signal but init and itself; &lt; -1: process group -pid.
    /// Signal 0 only checks that the target exists and may be signalled. Returns 0 or -errno.
    /// </summary>
    internal int Kill(SimProcess caller, int pid, int sig)
    {
        if (sig is < 0 or > SignalBits.MaxSignal) return -Libc.EINVAL;
        if (pid == int.MinValue) return -Libc.ESRCH; // -INT_MIN is no process group
        using (EnterGate())
        {
            if (pid > 0) return FindProcess(pid) is { } target ? SignalOne(caller, target, sig) : -Libc.ESRCH;
            if (pid == -1) return SignalEveryone(caller, sig);
            return SignalGroup(caller, pid == 0 ? caller.Pgid : -pid, sig);
        }
    }

    private int SignalOne(SimProcess caller, SimProcess target, int sig)
    {
        if (!MaySignal(caller, target)) return -Libc.EPERM;
        if (sig != 0) SendSignal(target, sig);
        return 0;
    }

    // __kill_pgrp_info(): success if any member was signalled, else the last error; ESRCH for an empty group.
    private int SignalGroup(SimProcess caller, int pgid, int sig)
    {
        var result = -Libc.ESRCH;
        var anySent = false;
        foreach (var p in processes.Values.Where(p => p.Pgid == pgid && p != Init).ToArray())
        {
            result = SignalOne(caller, p, sig);
            anySent |= result == 0;
        }

        return anySent ? 0 : result;
    }

    // kill(-1): as Linux, EPERM from some targets is not an error; ESRCH only when there was no target at all.
    private int SignalEveryone(SimProcess caller, int sig)
    {
        var result = 0;
        var count = 0;
        foreach (var p in processes.Values.Where(p => p != Init && p != caller).ToArray())
        {
            count++;
            var err = SignalOne(caller, p, sig);
            if (err != -Libc.EPERM) result = err;
        }

        return count > 0 ? result : -Libc.ESRCH;
    }

    /// <summary>kill_ok_by_cred(): root may signal anyone; others need a real or effective uid matching the target's real or saved uid.</summary>
    private static bool MaySignal(SimProcess caller, SimProcess target) =>
        caller.Euid == 0
        || caller.Euid == target.Suid || caller.Euid == target.Uid
        || caller.Uid == target.Suid || caller.Uid == target.Uid;
}
