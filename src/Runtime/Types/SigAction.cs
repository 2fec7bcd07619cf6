namespace IpcSim;

/// <summary>struct sigaction (signal.h). sa_handler may be SIG_DFL, SIG_IGN or a handler.</summary>
public sealed class SigAction
{
    public Action<int>? sa_handler;
    public int sa_flags;
    public SigSet sa_mask = new();
}

/// <summary>sigset_t: a set of signals 1..64, filled in place by sigemptyset and friends.</summary>
public sealed class SigSet
{
    internal ulong Bits;

    internal bool Contains(int sig) => sig is >= 1 and <= 64 && (Bits & (1UL << (sig - 1))) != 0;
}
