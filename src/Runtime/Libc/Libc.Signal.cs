namespace IpcSim;

public static partial class Libc
{
    // <signal.h>
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGILL = 4;
    public const int SIGTRAP = 5;
    public const int SIGABRT = 6;
    public const int SIGBUS = 7;
    public const int SIGFPE = 8;
    public const int SIGKILL = 9;
    public const int SIGUSR1 = 10;
    public const int SIGSEGV = 11;
    public const int SIGUSR2 = 12;
    public const int SIGPIPE = 13;
    public const int SIGALRM = 14;
    public const int SIGTERM = 15;
    public const int SIGSTKFLT = 16;
    public const int SIGCHLD = 17;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;
    public const int SIGTSTP = 20;
    public const int SIGTTIN = 21;
    public const int SIGTTOU = 22;
    public const int SIGURG = 23;
    public const int SIGXCPU = 24;
    public const int SIGXFSZ = 25;
    public const int SIGVTALRM = 26;
    public const int SIGPROF = 27;
    public const int SIGWINCH = 28;
    public const int SIGIO = 29;
    public const int SIGPWR = 30;
    public const int SIGSYS = 31;
    public const int NSIG = 65;

    public const int SA_NOCLDSTOP = 0x1;
    public const int SA_NOCLDWAIT = 0x2;
    public const int SA_SIGINFO = 0x4;
    public const int SA_ONSTACK = 0x08000000;
    public const int SA_RESTART = 0x10000000;
    public const int SA_NODEFER = 0x40000000;
    public const int SA_RESETHAND = unchecked((int)0x80000000);

    public const int SIG_BLOCK = 0;
    public const int SIG_UNBLOCK = 1;
    public const int SIG_SETMASK = 2;

    /// <summary>The default action (C's SIG_DFL).</summary>
    public static readonly Action<int> SIG_DFL = static _ => { };

    /// <summary>Ignore the signal (C's SIG_IGN).</summary>
    public static readonly Action<int> SIG_IGN = static _ => { };

    /// <summary>signal()'s failure result (C's SIG_ERR).</summary>
    public static readonly Action<int> SIG_ERR = static _ => { };

    // Signals in the simulation: a handler runs in the target process, on its own thread, at its
    // next return-to-user point (a Libc call, or on waking from a blocking one): a process busy in its
    // own code sees a signal at its next Libc call. SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU stop the
    // process at that point until SIGCONT (waitpid reports it with WUNTRACED / WCONTINUED).

    // int kill(pid_t pid, int sig);
    // pid > 0: that process; 0: the caller's process group (every process Run's main forked);
    // -1: every process the caller may signal but init and itself; < -1: the group -pid.
    public static int kill(int pid, int sig)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Kill(p, pid, sig));
    }

    // int raise(int sig);
    public static int raise(int sig)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Kill(p, p.Pid, sig));
    }

    // int sigaction(int signum, const struct sigaction *act, struct sigaction *oldact);
    // A null sa_handler is SIG_DFL (0 in C). glibc reserves signals 32 and 33 for itself.
    public static int sigaction(int signum, SigAction? act, SigAction? oldact)
    {
        if (IsGlibcInternalSignal(signum)) return Sys(-EINVAL);
        var p = SimProcess.Current;
        return Sys(p.Kernel.Sigaction(p, signum, act, oldact));
    }

    // sighandler_t signal(int signum, sighandler_t handler);
    // glibc's BSD semantics: the handler stays installed, the signal is blocked while it runs, and
    // SA_RESTART is set. Returns the previous handler, or SIG_ERR with errno EINVAL.
    public static Action<int>? signal(int signum, Action<int> handler)
    {
        if (IsGlibcInternalSignal(signum) || ReferenceEquals(handler, SIG_ERR))
        {
            Sys(-EINVAL);
            return SIG_ERR;
        }

        var act = new SigAction { sa_handler = handler ?? SIG_DFL, sa_flags = SA_RESTART };
        if (signum is >= 1 and < NSIG) act.sa_mask.Bits = SignalBits.Bit(signum);
        var old = new SigAction();
        var p = SimProcess.Current;
        return Sys(p.Kernel.Sigaction(p, signum, act, old)) == -1 ? SIG_ERR : old.sa_handler;
    }

    // int sigprocmask(int how, const sigset_t *set, sigset_t *oldset);
    // Signals it unblocks are delivered before it returns. SIGKILL and SIGSTOP are never blocked.
    public static int sigprocmask(int how, SigSet? set, SigSet? oldset)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Sigprocmask(p, how, set, oldset));
    }

    // int sigsuspend(const sigset_t *mask);
    // Waits with mask as the blocked set until a handler has run; the handler runs under that mask,
    // then the previous mask comes back. Always returns -1 with EINTR.
    public static int sigsuspend(SigSet mask)
    {
        if (mask is null) return Sys(-EFAULT);
        var p = SimProcess.Current;
        var k = p.Kernel;
        while (true)
        {
            k.Sigsuspend(p, mask.Bits, out var saved);
            bool ranHandler;
            try
            {
                p.DeliverSignals(out ranHandler);
            }
            finally
            {
                using (k.EnterGate()) p.SetBlocked(saved);
            }

            if (ranHandler) return Sys(-EINTR);
        }
    }

    // glibc's SIGCANCEL and SIGSETXID: sigaction and signal refuse them.
    private static bool IsGlibcInternalSignal(int sig) => sig is 32 or 33;

    // int sigemptyset(sigset_t *set);
    public static int sigemptyset(SigSet set)
    {
        if (set is null) return Sys(-EFAULT);
        set.Bits = 0;
        return 0;
    }

    // int sigfillset(sigset_t *set);
    public static int sigfillset(SigSet set)
    {
        if (set is null) return Sys(-EFAULT);
        set.Bits = ulong.MaxValue;
        return 0;
    }

    // int sigaddset(sigset_t *set, int signum);
    public static int sigaddset(SigSet set, int signum)
    {
        if (set is null) return Sys(-EFAULT);
        if (signum is < 1 or >= NSIG) return Sys(-EINVAL);
        set.Bits |= 1UL << (signum - 1);
        return 0;
    }

    // int sigdelset(sigset_t *set, int signum);
    public static int sigdelset(SigSet set, int signum)
    {
        if (set is null) return Sys(-EFAULT);
        if (signum is < 1 or >= NSIG) return Sys(-EINVAL);
        set.Bits &= ~(1UL << (signum - 1));
        return 0;
    }

    // int sigismember(const sigset_t *set, int signum);
    public static int sigismember(SigSet set, int signum)
    {
        if (set is null) return Sys(-EFAULT);
        if (signum is < 1 or >= NSIG) return Sys(-EINVAL);
        return set.Contains(signum) ? 1 : 0;
    }
}
