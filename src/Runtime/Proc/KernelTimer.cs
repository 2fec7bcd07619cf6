namespace IpcSim;

/// <summary>A pending timer (a sleep's deadline, alarm(), semtimedop's timeout). Mirrors hrtimer.</summary>
internal sealed class KernelTimer
{
    internal KernelTimer(long dueNs, Action<KernelTimer> fire)
    {
        DueNs = dueNs;
        Fire = fire;
    }

    internal long DueNs { get; }

    /// <summary>Runs with the Gate held when the clock reaches <see cref="DueNs"/>.</summary>
    internal Action<KernelTimer> Fire { get; }

    internal bool Cancelled { get; private set; }

    internal void Cancel() => Cancelled = true;
}
