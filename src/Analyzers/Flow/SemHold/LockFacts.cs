using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>One V that released a P: the call, and its sembuf when the semop is in this body.</summary>
internal readonly record struct Release(IOperation Site, SembufValue? Sembuf);

/// <summary>A path out of the body that still holds a P.</summary>
internal readonly record struct LeakingExit(HoldExitKind Kind, SyntaxNode Where);

/// <summary>
/// The lock facts of one graph, gathered over its replay (IPC008, IPC015): each P made here, the V's that released it
/// (a P released on some path by a V of the same semaphore is a lock; a P whose semaphore only ever gets V'd
/// elsewhere, or a P on one semaphore and a V on another, is signalling), the first exit that leaves it held, and
/// the semaphores touched by a semop whose sembufs cannot be read (the rules keep quiet about those).
/// </summary>
internal sealed class LockFacts : HoldObserver
{
    private readonly List<Acquisition> acquisitions = [];
    private readonly Dictionary<Acquisition, List<Release>> releases = [];
    private readonly Dictionary<Acquisition, LeakingExit> leaks = [];
    private readonly HashSet<Acquisition> heldAtReturn = [];
    private readonly HashSet<ISymbol> opaque = new(SymbolEqualityComparer.Default);

    /// <summary>The P's made in this graph, in the order first seen.</summary>
    internal IReadOnlyList<Acquisition> Acquisitions => acquisitions;

    internal static IReadOnlyList<LockFacts> Analyze(SemHoldSummaries summaries, Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph root, System.Threading.CancellationToken cancellationToken)
    {
        var all = new List<LockFacts>();
        SemHoldAnalysis.AnalyzeBody(summaries, root, _ =>
        {
            var facts = new LockFacts();
            all.Add(facts);
            return facts;
        }, cancellationToken);
        return all;
    }

    /// <summary>Released on some path by a V of the same semaphore in this body: the P is a lock here.</summary>
    internal bool IsReleasedHere(Acquisition acquisition) => releases.ContainsKey(acquisition);

    internal IReadOnlyList<Release> ReleasesOf(Acquisition acquisition)
        => releases.TryGetValue(acquisition, out var list) ? list : [];

    /// <summary>The first exit (in the order the replay meets them) that leaves the P held, if any.</summary>
    internal LeakingExit? LeakOf(Acquisition acquisition) => leaks.TryGetValue(acquisition, out var exit) ? exit : null;

    /// <summary>Held on some normal return: the body acquires it for its caller (a Lock helper, a wrapper's constructor).</summary>
    internal bool IsHeldAtReturn(Acquisition acquisition) => heldAtReturn.Contains(acquisition);

    /// <summary>Some semop on this semid could not be read: it may release or take the semaphore behind our back.</summary>
    internal bool IsOpaque(SemKey key) => opaque.Contains(key.Root);

    internal override void OnAcquire(Acquisition acquisition, HoldState before)
    {
        if (!acquisitions.Contains(acquisition)) acquisitions.Add(acquisition);
    }

    internal override void OnRelease(SemKey key, ImmutableHashSet<Acquisition> released, IOperation site, SembufValue? sembuf, HoldState before)
    {
        foreach (var acquisition in released)
        {
            if (!releases.TryGetValue(acquisition, out var list)) releases[acquisition] = list = [];
            if (!list.Any(r => r.Site == site)) list.Add(new Release(site, sembuf));
        }
    }

    internal override void OnOpaqueSemop(ISymbol root, IOperation site) => opaque.Add(root);

    internal override void OnExit(HoldState state, HoldExitKind kind, SyntaxNode where)
    {
        foreach (var holder in state.AllHolders())
        {
            if (!leaks.ContainsKey(holder)) leaks[holder] = new LeakingExit(kind, where);
            if (kind is HoldExitKind.Return or HoldExitKind.EndOfBody) heldAtReturn.Add(holder);
        }
    }
}
