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

    // int kill(pid_t pid, int sig);
    public static int kill(int pid, int sig) => Sys(-ENOSYS);

    // int raise(int sig);
    public static int raise(int sig) => Sys(-ENOSYS);

    // int sigaction(int signum, const struct sigaction *act, struct sigaction *oldact);
    public static int sigaction(int signum, SigAction? act, SigAction? oldact) => Sys(-ENOSYS);

    // sighandler_t signal(int signum, sighandler_t handler);
    public static Action<int>? signal(int signum, Action<int> handler) => SIG_ERR;

    // int sigprocmask(int how, const sigset_t *set, sigset_t *oldset);
    public static int sigprocmask(int how, SigSet? set, SigSet? oldset) => Sys(-ENOSYS);

    // int sigsuspend(const sigset_t *mask);
    public static int sigsuspend(SigSet mask) => Sys(-ENOSYS);

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
