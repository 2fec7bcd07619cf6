namespace IpcSim;

// Owned by the signals work (issue 3). Mirrors kernel/signal.c: the system calls that change
// a process's own signal state, and those that wait for a signal.
public sealed partial class Kernel
{
    /// <summary>do_sigaction(). SIGKILL and SIGSTOP can be queried but not changed. Returns 0 or -errno.</summary>
    internal int Sigaction(SimProcess p, int sig, SigAction? act, SigAction? oldact)
    {
        if (!SignalBits.IsValid(sig)) return -Libc.EINVAL;
        if (act is not null && (SignalBits.KernelOnly & SignalBits.Bit(sig)) != 0) return -Libc.EINVAL;
        if (act is not null && ReferenceEquals(act.sa_handler, Libc.SIG_ERR)) return -Libc.EINVAL;

        // Read act completely before writing oldact: they may be the same object, as in C.
        var next = act is null ? null : new SignalAction(act.sa_handler ?? Libc.SIG_DFL, act.sa_flags, act.sa_mask?.Bits ?? 0);
        using (EnterGate())
        {
            var old = p.ActionOf(sig);
            if (oldact is not null)
            {
                oldact.sa_handler = old.Handler;
                oldact.sa_flags = old.Flags;
                oldact.sa_mask ??= new SigSet();
                oldact.sa_mask.Bits = old.Mask;
            }

            if (next is not null) p.SetAction(sig, next);
            return 0;
        }
    }

    /// <summary>sigprocmask(): an unknown <paramref name="how"/> fails only when a set is given, as on Linux.</summary>
    internal int Sigprocmask(SimProcess p, int how, SigSet? set, SigSet? oldset)
    {
        using (EnterGate())
        {
            var old = p.BlockedSignals;
            if (set is not null)
            {
                var bits = set.Bits;
                switch (how)
                {
                    case Libc.SIG_BLOCK: p.SetBlocked(old | bits); break;
                    case Libc.SIG_UNBLOCK: p.SetBlocked(old & ~bits); break;
                    case Libc.SIG_SETMASK: p.SetBlocked(bits); break;
                    default: return -Libc.EINVAL;
                }
            }

            if (oldset is not null) oldset.Bits = old;
            return 0;
        }
    }

    /// <summary>
    /// The kernel half of sigsuspend(): install <paramref name="mask"/> and sleep until a signal is
    /// pending. The facade delivers with that mask in place and then restores <paramref name="saved"/>.
    /// </summary>
    internal int Sigsuspend(SimProcess p, ulong mask, out ulong saved)
    {
        using (EnterGate())
        {
            saved = p.BlockedSignals;
            p.SetBlocked(mask);
            while (!p.SignalPending) Scheduler.Block(p, null, "sigsuspend");
            return -Libc.ERESTARTNOHAND;
        }
    }

    /// <summary>pause(): sleep until a signal is pending.</summary>
    internal int Pause(SimProcess p)
    {
        using (EnterGate())
        {
            while (!p.SignalPending) Scheduler.Block(p, null, "pause");
            return -Libc.ERESTARTNOHAND;
        }
    }
}
