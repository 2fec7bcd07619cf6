using System.Collections.Generic;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Sessions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>
/// The operation blocks worth a semaphore-hold analysis (bodies with a semop, or a call of a helper that acquires or
/// releases) and their lock facts. One instance per compilation (<see cref="For"/>), shared by IPC008 and IPC015 (and
/// its summaries by IPC005): each body is analysed once, by whichever rule gets there first.
/// </summary>
internal sealed class SemHoldBodies
{
    private readonly BodyCache<IReadOnlyList<LockFacts>> facts = new();
    private readonly CallPrefilter prefilter;

    private SemHoldBodies(FlowSession session)
    {
        Summaries = new SemHoldSummaries(session.Known!, session.ResultSummaries) { Graphs = session.Graphs };
        prefilter = session.SurfaceCalls;
    }

    internal SemHoldSummaries Summaries { get; }

    /// <summary>The compilation's instance, or null when it has no IPC surface.</summary>
    internal static SemHoldBodies? For(Compilation compilation)
    {
        var session = FlowSession.For(compilation);
        return session.Known is null ? null : session.Shared(static s => new SemHoldBodies(s));
    }

    /// <summary>The lock facts of every graph (root, local functions, lambdas) of every root of the block worth it.</summary>
    internal IEnumerable<LockFacts> FactsFor(OperationBlockAnalysisContext context)
    {
        foreach (var root in context.OperationBlocks)
        {
            if (root is not (IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation)) continue;
            foreach (var graphFacts in facts.GetOrCompute(root, r => Compute(context, r))) yield return graphFacts;
        }
    }

    private IReadOnlyList<LockFacts> Compute(OperationBlockAnalysisContext context, IOperation root)
    {
        // A P or V happens only in a call (a semop, a helper, a wrapper's constructor): the syntax test is trusted for "no" only.
        if (!prefilter.MayCallSurface(root.Syntax, context.CancellationToken) || !TouchesSemaphores(root, Summaries, context)) return [];
        return context.GetControlFlowGraph(root) is { } graph ? LockFacts.Analyze(Summaries, graph, context.CancellationToken) : [];
    }

    private static bool TouchesSemaphores(IOperation root, SemHoldSummaries summaries, OperationBlockAnalysisContext context)
    {
        foreach (var node in root.DescendantsAndSelf())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case IInvocationOperation invocation when IpcCall.TryMatch(invocation, summaries.Known, out var call):
                    if (call.Function is IpcFunction.semop or IpcFunction.semtimedop) return true;
                    break;
                case IInvocationOperation invocation when ThrowingCalls.Implementation(invocation) is { } target
                    && summaries.Get(target, context.CancellationToken) is { Acquires.IsEmpty: false } or { Releases.IsEmpty: false }:
                    return true;
                case IObjectCreationOperation { Constructor: { } constructor }
                    when summaries.Get(constructor, context.CancellationToken) is { Acquires.IsEmpty: false } or { Releases.IsEmpty: false }:
                    return true;
            }
        }

        return false;
    }
}
