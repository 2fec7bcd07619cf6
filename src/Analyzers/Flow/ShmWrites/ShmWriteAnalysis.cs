using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Flow.Attach;
using IpcAnalyzers.Flow.SemHold;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ShmWrites;

/// <summary>A write to shared memory that nothing orders with the other attachers: the call, its address operand, and where the memory was attached.</summary>
internal sealed record UnsynchronisedWrite(IOperation Site, IOperation Address, ImmutableArray<Location> Origins);

/// <summary>What one run found: the writes to report (the body's own attachments) and the parameters written through (the summary).</summary>
internal sealed record ShmWriteResult(IReadOnlyList<UnsynchronisedWrite> Writes, ImmutableHashSet<int> WrittenParameters)
{
    internal static readonly ShmWriteResult Empty = new([], ImmutableHashSet<int>.Empty);
}

/// <summary>
/// IPC005's analysis of one body with its lambdas and local functions (docs/design/flow-analysis-shmwrites.md).
/// The write sites are Mem.Write*, WriteBytes, WriteString, Marshal.Write*, Copy to an IntPtr, StructureToPtr and calls of helpers summarised as writing through a
/// parameter. The attach engine says which sites write through an address from shmat (or a member that holds one,
/// or a captured local that does); the semaphore-hold engine whether a P is held there on every path;
/// <see cref="SharingFlow"/> whether another lock is held and whether the segment may already be shared (a fork, a
/// P or V, a published IPC_PRIVATE id); <see cref="PathsAhead"/> whether a fork or a V is still to come.
/// </summary>
internal static class ShmWriteAnalysis
{
    internal static ShmWriteResult Run(ShmWriteSummaries summaries, ControlFlowGraph root, IMethodSymbol? rootMethod, CancellationToken cancellationToken)
    {
        var graphs = AttachAnalysis.AllGraphs(summaries.Attach, root, cancellationToken);
        var sites = new Dictionary<ControlFlowGraph, GraphSites>();
        foreach (var graph in graphs)
        {
            var found = GraphSites.Collect(summaries, graph, cancellationToken);
            if (found.Candidates.Count > 0) sites[graph] = found;
        }

        if (sites.Count == 0) return ShmWriteResult.Empty;
        var addresses = AddressCollector.Run(summaries, graphs, root, rootMethod, cancellationToken);
        var resolver = new OriginResolver(addresses, rootMethod, summaries.Known);
        var judged = new Dictionary<ControlFlowGraph, List<(WriteCandidate Candidate, ImmutableArray<Attachment> Shm, ImmutableHashSet<int> Parameters)>>();
        foreach (var pair in sites)
        {
            foreach (var candidate in pair.Value.Candidates)
            {
                var (shm, parameters) = resolver.Resolve(addresses.ValuesAt(candidate.Address));
                if (shm.IsEmpty && parameters.IsEmpty) continue;
                if (!judged.TryGetValue(pair.Key, out var list)) judged[pair.Key] = list = [];
                list.Add((candidate, shm, parameters));
            }
        }

        if (judged.Count == 0) return ShmWriteResult.Empty;
        var holds = new Dictionary<ControlFlowGraph, HoldFacts>();
        SemHoldAnalysis.AnalyzeBody(
            summaries.SemHold,
            root,
            graph => judged.TryGetValue(graph, out var list) ? holds[graph] = new HoldFacts(list.Select(j => j.Candidate.Site)) : null,
            cancellationToken);

        var writes = new List<UnsynchronisedWrite>();
        var written = ImmutableHashSet<int>.Empty;
        foreach (var pair in judged)
        {
            if (!holds.TryGetValue(pair.Key, out var hold)) continue;
            var graphSites = sites[pair.Key];
            var sharing = SharingFlow.StatesAt(summaries, pair.Key, graphSites, hold, cancellationToken);
            var forkAhead = new PathsAhead(pair.Key, graphSites.Positions.Where(p => p.Key is IInvocationOperation invocation && summaries.Forks(invocation, cancellationToken)).Select(p => p.Value), must: false);
            var vAhead = new PathsAhead(pair.Key, hold.VSites.Where(graphSites.Positions.ContainsKey).Select(v => graphSites.Positions[v]), must: true);
            var reported = new HashSet<IOperation>();
            foreach (var (candidate, shm, parameters) in pair.Value)
            {
                if (!hold.Held.TryGetValue(candidate.Site, out var held) || !sharing.TryGetValue(candidate.Site, out var state)) continue;
                if (held || !state.Managed.IsEmpty || state.Has(SharingFacts.Opaque)) continue;
                var position = graphSites.Positions[candidate.Site];
                if (!state.Has(SharingFacts.Forked) && forkAhead.From(position)) continue;
                if (!state.Has(SharingFacts.Acquired | SharingFacts.Released) && vAhead.From(position)) continue;
                written = written.Union(parameters);
                var shared = shm.Where(a => !(!state.Has(SharingFacts.Forked) && graphSites.PrivateIdOf(a, summaries.Known) is { } id && !state.Published.Contains(id))).ToArray();
                if (shared.Length == 0 || !reported.Add(candidate.Site)) continue;
                var origins = shared.Select(resolver.LocationOf).OfType<Location>().Distinct().ToImmutableArray();
                writes.Add(new UnsynchronisedWrite(candidate.Site, candidate.Address, origins));
            }
        }

        return new ShmWriteResult(writes, written);
    }

    /// <summary>The owner of a graph: the root's method, a local function or a lambda.</summary>
    internal static IMethodSymbol? OwnerOf(ControlFlowGraph graph, ControlFlowGraph root, IMethodSymbol? rootMethod) => graph == root
        ? rootMethod
        : graph.OriginalOperation switch
        {
            ILocalFunctionOperation local => local.Symbol,
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            _ => null,
        };

    /// <summary>Per graph, from the semaphore-hold replay: is a P held on every path at each site, and where the P's, V's and unreadable semops are.</summary>
    internal sealed class HoldFacts(IEnumerable<IOperation> sites) : HoldObserver
    {
        private readonly HashSet<IOperation> sites = [.. sites];

        internal Dictionary<IOperation, bool> Held { get; } = [];

        internal HashSet<IOperation> PSites { get; } = [];

        internal HashSet<IOperation> VSites { get; } = [];

        internal HashSet<IOperation> OpaqueSites { get; } = [];

        internal override void OnOperation(IOperation operation, HoldState before)
        {
            if (!sites.Contains(operation)) return;
            Held[operation] = (!Held.TryGetValue(operation, out var earlier) || earlier) && before.IsAnyHeldOnEveryPath;
        }

        internal override void OnAcquire(Acquisition acquisition, HoldState before) => PSites.Add(acquisition.Operation);

        internal override void OnRelease(SemKey key, ImmutableHashSet<Acquisition> released, IOperation site, SembufValue? sembuf, HoldState before) => VSites.Add(site);

        internal override void OnOpaqueSemop(ISymbol root, IOperation site) => OpaqueSites.Add(site);
    }
}
