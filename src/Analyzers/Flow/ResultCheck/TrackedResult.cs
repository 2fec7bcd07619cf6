using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>How a call can block, for IPC006 (signal(7)).</summary>
internal enum BlockingKind
{
    /// <summary>Cannot block, or not known to: IPC_NOWAIT, O_NONBLOCK, WNOHANG, a V-only semop, an fd not known to be a pipe.</summary>
    None,

    /// <summary>semop/semtimedop/msgsnd/msgrcv/pause: SA_RESTART never restarts them.</summary>
    NeverRestarted,

    /// <summary>read/write on a pipe or FIFO, wait/waitpid: restarted when every handler has SA_RESTART.</summary>
    RestartedBySaRestart,
}

/// <summary>
/// One value the analysis follows: the result of one call site (an IPC call, or a helper that returns one), a
/// parameter (when a helper's summary is computed), or errno itself (so that a copy of errno can be tested for EINTR).
/// Identity is by reference: one instance per call site and analysis run.
/// </summary>
internal sealed class TrackedResult
{
    internal static readonly TrackedResult Errno = new(null, "errno", IpcFunction.None, BlockingKind.None, -1);

    internal TrackedResult(IOperation? origin, string name, IpcFunction function, BlockingKind blocking, int parameterOrdinal, string? helper = null)
    {
        AsSet = System.Collections.Immutable.ImmutableHashSet.Create(this);
        Origin = origin;
        Name = name;
        Function = function;
        Blocking = blocking;
        ParameterOrdinal = parameterOrdinal;
        Helper = helper;
    }

    /// <summary>The set of this one value, made once: the analysis hands it out at every evaluation of the call.</summary>
    internal System.Collections.Immutable.ImmutableHashSet<TrackedResult> AsSet { get; }

    /// <summary>The call site (an invocation); null for parameters and errno.</summary>
    internal IOperation? Origin { get; }

    /// <summary>The C function, or the helper method, that produced it.</summary>
    internal string Name { get; }

    internal IpcFunction Function { get; }

    internal BlockingKind Blocking { get; }

    /// <summary>The parameter this stands for while a summary is computed; -1 otherwise.</summary>
    internal int ParameterOrdinal { get; }

    /// <summary>For a helper's result: the IPC function whose result it returns.</summary>
    internal string? Helper { get; }

    internal bool IsParameter => ParameterOrdinal >= 0;

    internal bool IsCallResult => Origin is not null;

    /// <summary>How messages name it: "shmget", or "Create (returns shmget's result)".</summary>
    internal string Describe() => Helper is null ? Name : $"{Name} (returns {Helper}'s result)";

    public override string ToString() => Describe();
}
