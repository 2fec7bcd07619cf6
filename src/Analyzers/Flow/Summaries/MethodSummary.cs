using System.Collections.Immutable;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.ResultCheck;

namespace IpcAnalyzers.Flow.Summaries;

/// <summary>The IPC result that a helper hands back to its caller (and with it, the duty to check it).</summary>
internal sealed record ReturnedResult(string Name, IpcFunction Function, BlockingKind Blocking);

/// <summary>
/// What a method of the compilation does with the results it is given and what it returns, from its caller's point
/// of view: "checks parameter r" (compares it with -1 on every path that returns), "guards r" (returns only when r
/// is not -1: it throws or exits otherwise), "uses r unchecked", "returns shmget's result", "never returns".
/// </summary>
internal sealed class MethodSummary
{
    internal static readonly MethodSummary Empty = new(
        ImmutableArray<bool>.Empty, ImmutableArray<bool>.Empty, ImmutableArray<bool>.Empty, false, false, null, null);

    internal MethodSummary(
        ImmutableArray<bool> checks,
        ImmutableArray<bool> guards,
        ImmutableArray<bool> usesUnchecked,
        bool testsEintr,
        bool neverReturns,
        bool? predicateWhenFailed,
        ReturnedResult? returnedResult)
    {
        ChecksByParameter = checks;
        GuardsByParameter = guards;
        UsesByParameter = usesUnchecked;
        TestsEintr = testsEintr;
        NeverReturns = neverReturns;
        PredicateWhenFailed = predicateWhenFailed;
        ReturnedResult = returnedResult;
    }

    internal bool IsEmpty => ReferenceEquals(this, Empty);

    internal ImmutableArray<bool> ChecksByParameter { get; }

    internal ImmutableArray<bool> GuardsByParameter { get; }

    internal ImmutableArray<bool> UsesByParameter { get; }

    /// <summary>The method tests errno for EINTR (a retry helper).</summary>
    internal bool TestsEintr { get; }

    /// <summary>Every path throws or ends the process (a Die(msg) helper).</summary>
    internal bool NeverReturns { get; }

    /// <summary>For a bool helper like <c>Ok(r) =&gt; r != -1</c>: what it returns when the checked argument is -1.</summary>
    internal bool? PredicateWhenFailed { get; }

    internal ReturnedResult? ReturnedResult { get; }

    internal bool Checks(int ordinal) => At(ChecksByParameter, ordinal);

    internal bool Guards(int ordinal) => At(GuardsByParameter, ordinal);

    internal bool UsesUnchecked(int ordinal) => At(UsesByParameter, ordinal);

    internal bool RetriesOnEintr(int ordinal) => TestsEintr && Checks(ordinal);

    private static bool At(ImmutableArray<bool> flags, int ordinal) => ordinal >= 0 && ordinal < flags.Length && flags[ordinal];
}
