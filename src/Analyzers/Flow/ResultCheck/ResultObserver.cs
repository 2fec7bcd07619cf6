using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>
/// What a rule wants to hear while <see cref="ResultCheckAnalysis.Replay"/> walks the fixpoint once more. Every
/// callback gets the state at that point; rules override only what they need.
/// </summary>
internal abstract class ResultObserver
{
    /// <summary>A tracked call happened (its result is now Pending).</summary>
    internal virtual void OnCall(TrackedResult call, ResultState before)
    {
    }

    /// <summary>A call's result is thrown away: a statement that is only the call.</summary>
    internal virtual void OnDiscard(TrackedResult call, ResultState state)
    {
    }

    /// <summary>A value that is, on some path, an unchecked result is used as an id, address, length or fd.</summary>
    internal virtual void OnUncheckedUse(IOperation use, ImmutableHashSet<TrackedResult> uncheckedResults, ResultState state)
    {
    }

    /// <summary>A comparison of a tracked value with an integer constant or null (IPC002 looks at these).</summary>
    internal virtual void OnComparison(IOperation comparison, ImmutableHashSet<TrackedResult> values, IOperation constant, ResultState state)
    {
    }

    /// <summary>errno is read (the errno property, perror, Marshal.GetLastPInvokeError).</summary>
    internal virtual void OnErrnoRead(IOperation read, ResultState state)
    {
    }

    /// <summary>A value is returned to the caller (its obligations go with it).</summary>
    internal virtual void OnReturn(IOperation returned, ImmutableHashSet<TrackedResult> values, ResultState state)
    {
    }

    /// <summary>A path leaves the body: return, end of body, throw, or a call that never returns.</summary>
    internal virtual void OnPathEnd(ResultState state, bool normal)
    {
    }
}
