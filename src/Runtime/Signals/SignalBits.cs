namespace IpcSim;

/// <summary>
/// Signal numbers as bits of a 64-bit set (bit sig-1, as sigset_t), and the kernel's
/// classification of them. Mirrors the sig_kernel_* macros of include/linux/signal.h.
/// </summary>
internal static class SignalBits
{
    /// <summary>Signals no process can catch, block or ignore.</summary>
    internal const ulong KernelOnly = (1UL << (Libc.SIGKILL - 1)) | (1UL << (Libc.SIGSTOP - 1));

    internal const ulong StopSignals = (1UL << (Libc.SIGSTOP - 1)) | (1UL << (Libc.SIGTSTP - 1))
        | (1UL << (Libc.SIGTTIN - 1)) | (1UL << (Libc.SIGTTOU - 1));

    /// <summary>The highest signal number (real-time signals included).</summary>
    internal const int MaxSignal = Libc.NSIG - 1;

    internal static bool IsValid(int sig) => sig is >= 1 and <= MaxSignal;

    internal static ulong Bit(int sig) => 1UL << (sig - 1);

    /// <summary>The lowest-numbered signal in <paramref name="set"/> (non-empty).</summary>
    internal static int Lowest(ulong set) => System.Numerics.BitOperations.TrailingZeroCount(set) + 1;

    internal static DefaultAction DefaultActionOf(int sig) => sig switch
    {
        Libc.SIGCHLD or Libc.SIGCONT or Libc.SIGURG or Libc.SIGWINCH => DefaultAction.Ignore,
        Libc.SIGSTOP or Libc.SIGTSTP or Libc.SIGTTIN or Libc.SIGTTOU => DefaultAction.Stop,
        _ => DefaultAction.Terminate,
    };

    internal static string Name(int sig) => sig switch
    {
        Libc.SIGHUP => "SIGHUP", Libc.SIGINT => "SIGINT", Libc.SIGQUIT => "SIGQUIT", Libc.SIGABRT => "SIGABRT",
        Libc.SIGKILL => "SIGKILL", Libc.SIGUSR1 => "SIGUSR1", Libc.SIGSEGV => "SIGSEGV", Libc.SIGUSR2 => "SIGUSR2",
        Libc.SIGPIPE => "SIGPIPE", Libc.SIGALRM => "SIGALRM", Libc.SIGTERM => "SIGTERM", Libc.SIGCHLD => "SIGCHLD",
        Libc.SIGCONT => "SIGCONT", Libc.SIGSTOP => "SIGSTOP", Libc.SIGTSTP => "SIGTSTP", Libc.SIGTTIN => "SIGTTIN",
        Libc.SIGTTOU => "SIGTTOU",
        _ => "signal " + sig.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
