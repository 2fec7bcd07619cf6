namespace IpcSim;

/// <summary>
/// One signal's disposition: a handler (or the SIG_DFL / SIG_IGN sentinels), its sa_flags and
/// the signals blocked while it runs. Mirrors struct k_sigaction. Immutable, so fork copies the
/// table by reference.
/// </summary>
internal sealed record SignalAction(Action<int> Handler, int Flags, ulong Mask)
{
    internal static readonly SignalAction Default = new(Libc.SIG_DFL, 0, 0);

    internal bool IsDefault => ReferenceEquals(Handler, Libc.SIG_DFL);

    internal bool IsIgnore => ReferenceEquals(Handler, Libc.SIG_IGN);

    internal bool Restarts => (Flags & Libc.SA_RESTART) != 0;
}
