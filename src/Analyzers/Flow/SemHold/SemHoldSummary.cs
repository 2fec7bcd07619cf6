using System.Collections.Immutable;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>
/// What a method of the compilation does to semaphores, from its caller's point of view: "acquires semid[0]"
/// (a Lock/P/Down helper, a wrapper's constructor or Acquire: a P may still hold it when the method returns) and
/// "releases semid[0]" (Unlock/V/Up, Release, Dispose: a V of a semaphore it did not acquire itself). Keys are
/// rooted at the method's parameters or at fields; the caller maps parameters to its arguments.
/// </summary>
internal sealed class SemHoldSummary
{
    internal static readonly SemHoldSummary Empty = new(ImmutableArray<SemKey>.Empty, ImmutableArray<SemKey>.Empty, false, ImmutableArray<Microsoft.CodeAnalysis.SyntaxNode>.Empty);

    internal SemHoldSummary(ImmutableArray<SemKey> acquires, ImmutableArray<SemKey> releases, bool neverReturns, ImmutableArray<Microsoft.CodeAnalysis.SyntaxNode> releaseFlagSites)
    {
        Acquires = acquires;
        Releases = releases;
        NeverReturns = neverReturns;
        ReleaseFlagSites = releaseFlagSites;
    }

    internal ImmutableArray<SemKey> Acquires { get; }

    internal ImmutableArray<SemKey> Releases { get; }

    /// <summary>The sem_flg sites of the V's that release for the caller (IPC015's fix adds SEM_UNDO to an Unlock helper's V too).</summary>
    internal ImmutableArray<Microsoft.CodeAnalysis.SyntaxNode> ReleaseFlagSites { get; }

    /// <summary>Every path throws or ends the process.</summary>
    internal bool NeverReturns { get; }

    /// <summary>
    /// "semop with sem_op = parameter k on semaphore (root, sem_num)": <c>SemOp(int id, int n, int op)</c>. The caller's
    /// constant argument makes it a P (negative) or a V (positive) of its own semaphore.
    /// </summary>
    internal ImmutableArray<(SemKey Semaphore, Microsoft.CodeAnalysis.IParameterSymbol OpParameter)> ParameterisedSemops { get; init; }
        = ImmutableArray<(SemKey, Microsoft.CodeAnalysis.IParameterSymbol)>.Empty;

    internal bool IsEmpty => Acquires.IsEmpty && Releases.IsEmpty && !NeverReturns && ParameterisedSemops.IsEmpty;
}
