using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.IdLifetime;

/// <summary>
/// What <see cref="IdLifetimeAnalysis.Replay"/> reports while it walks the fixpoint once more. The per-body tracker
/// of IPC004 and the helper summaries listen; each overrides what it needs.
/// </summary>
internal abstract class IdLifetimeListener
{
    /// <summary>An object was created (a get call with IPC_CREAT or IPC_PRIVATE, or a creating helper).</summary>
    internal virtual void OnCreated(Creation creation)
    {
    }

    /// <summary>IPC_RMID reached <paramref name="value"/> at <paramref name="site"/> (the ctl call or the removing helper's call).</summary>
    internal virtual void OnRemoved(IdValue value, IOperation site)
    {
    }

    /// <summary>
    /// <paramref name="value"/> left this body's hands at <paramref name="site"/>: returned, published through shared
    /// memory or a message, stored outside, handed to a method that keeps it.
    /// </summary>
    internal virtual void OnHandedOver(IdValue value, IOperation site, HandOver how)
    {
    }

    /// <summary><paramref name="value"/> was stored in <paramref name="field"/>, a field or property of the compilation.</summary>
    internal virtual void OnStoredInField(IdValue value, ISymbol field, IOperation site)
    {
    }

    /// <summary>A path leaves the body (return, end, throw, a call that never returns) with this state.</summary>
    internal virtual void OnExit(IdState state, Location? location, bool normal)
    {
    }
}

/// <summary>How an id was handed over.</summary>
internal enum HandOver
{
    Returned,
    Published,
    Stored,
    Passed,
}
