using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>
/// One P: a semop/semtimedop element with a negative sem_op, or a call of a helper (or wrapper constructor or
/// method) that acquires on its caller's behalf. Made once per (operation, semaphore); compared by reference.
/// </summary>
internal sealed class Acquisition
{
    internal Acquisition(IOperation operation, SemKey key, SembufValue? sembuf, bool failsWithFalse)
    {
        Operation = operation;
        Key = key;
        Sembuf = sembuf;
        FailsWithFalse = failsWithFalse;
    }

    /// <summary>The semop call, or the helper call / object creation that acquires.</summary>
    internal IOperation Operation { get; }

    internal SemKey Key { get; }

    /// <summary>The P's sembuf when the semop is in this body; null for a helper.</summary>
    internal SembufValue? Sembuf { get; }

    internal bool IsDirect => Sembuf is not null;

    /// <summary>The call reports failure with false (a bool TryLock helper) rather than -1.</summary>
    internal bool FailsWithFalse { get; }

    public override string ToString() => $"P {Key} at {Operation.Syntax}";
}
