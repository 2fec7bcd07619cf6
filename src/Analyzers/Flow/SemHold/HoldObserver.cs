using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>How a path leaves the body (or would, if a call threw).</summary>
internal enum HoldExitKind
{
    /// <summary>A return statement (after any finally it runs).</summary>
    Return,

    /// <summary>The end of the body.</summary>
    EndOfBody,

    /// <summary>A throw statement or expression that nothing in the body catches (after the finally blocks it runs).</summary>
    Throw,

    /// <summary>A call that may throw (see <see cref="ThrowingCalls"/>), with nothing in the body catching it.</summary>
    MayThrow,
}

/// <summary>
/// What a rule wants to hear while <see cref="SemHoldAnalysis.Replay"/> walks the fixpoint once more. Every callback
/// gets the state at that point; rules override only what they need.
/// </summary>
internal abstract class HoldObserver
{
    /// <summary>
    /// Before each operation of a block and before each call nested in one (the state the operation runs in). IPC005
    /// asks <see cref="HoldState.IsAnyHeldOnEveryPath"/> here.
    /// </summary>
    internal virtual void OnOperation(IOperation operation, HoldState before)
    {
    }

    /// <summary>A P happened (tentatively: a test of the call's result for -1 undoes it on the failure side).</summary>
    internal virtual void OnAcquire(Acquisition acquisition, HoldState before)
    {
    }

    /// <summary>A V of <paramref name="key"/> released <paramref name="released"/> (possibly none). <paramref name="sembuf"/> is the V's element when direct.</summary>
    internal virtual void OnRelease(SemKey key, ImmutableHashSet<Acquisition> released, IOperation site, SembufValue? sembuf, HoldState before)
    {
    }

    /// <summary>A semop on <paramref name="root"/> whose sembufs cannot be read: it may be a P or a V.</summary>
    internal virtual void OnOpaqueSemop(ISymbol root, IOperation site)
    {
    }

    /// <summary>A semop on <paramref name="key"/> whose sem_op is <paramref name="opParameter"/> of the method (a helper's caller decides P or V).</summary>
    internal virtual void OnParameterisedSemop(SemKey key, IParameterSymbol opParameter)
    {
    }

    /// <summary>A path leaves the body, normally or by an exception; <paramref name="state"/> is after the finally blocks it runs.</summary>
    internal virtual void OnExit(HoldState state, HoldExitKind kind, SyntaxNode where)
    {
    }
}
