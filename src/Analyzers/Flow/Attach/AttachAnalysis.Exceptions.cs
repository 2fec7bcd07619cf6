using System.Collections.Generic;
using System.Collections.Immutable;
using IpcAnalyzers.Flow.Cfg;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>
/// Exception paths (docs/design/flow-analysis-attach.md). An exception caught by a catch of the body flows into the
/// catch (the generic dataflow does that). One that is not caught leaves the body after the finally regions around
/// it have run: that is an exit, judged with the state after those finally blocks. Which operations may throw:
/// a throw statement anywhere, and inside a try with a finally, any call that is not an IPC call, a shared-memory access (Mem, Marshal) or
/// printing. Outside a try only throw statements count, so that straight-line code is not judged against every call.
/// </summary>
internal sealed partial class AttachAnalysis
{
    /// <summary>The finally regions an exception raised in a block runs, innermost first, and whether a catch of the body stops it.</summary>
    private sealed record ExceptionRoute(ImmutableArray<ControlFlowRegion> Finallies, bool Caught);

    private ExceptionRoute RouteOf(BasicBlock block)
    {
        if (routes.TryGetValue(block, out var known)) return known;
        var finallies = ImmutableArray.CreateBuilder<ControlFlowRegion>();
        var caught = false;
        foreach (var parent in block.EnclosingTryRegions())
        {
            if (parent.Kind == ControlFlowRegionKind.TryAndCatch)
            {
                caught = true;
                break;
            }

            if (parent.NestedRegions.Length > 1) finallies.Add(parent.NestedRegions[1]);
        }

        var route = new ExceptionRoute(finallies.ToImmutable(), caught);
        routes[block] = route;
        return route;
    }

    /// <summary>A call that may throw: it counts only inside a try whose finally the exception runs on its way out.</summary>
    private void MayThrow(IOperation call, AttachFlowState state)
    {
        if (observer is null || currentBlock is null) return;
        var route = RouteOf(currentBlock);
        if (route.Caught || route.Finallies.IsEmpty) return;
        OnMayThrow(currentBlock, new AttachExit(AttachExitKind.ExceptionInTry, call.Syntax.GetLocation()), state, explicitThrow: false);
    }

    private void OnMayThrow(BasicBlock block, AttachExit exit, AttachFlowState state, bool explicitThrow)
    {
        if (observer is null) return;
        var route = RouteOf(block);
        if (route.Caught) return;
        if (!explicitThrow && route.Finallies.IsEmpty) return;
        observer.OnExit(exit, RunFinallies(route.Finallies, state));
    }

    /// <summary>Runs finally regions one after the other from <paramref name="state"/>; the state when the last one ends.</summary>
    private AttachFlowState RunFinallies(ImmutableArray<ControlFlowRegion> finallies, AttachFlowState state)
    {
        if (finallies.IsEmpty || graph is null) return state;
        var saved = (observer, currentBlock);
        observer = null;
        try
        {
            foreach (var region in finallies)
            {
                state = RunRegion(region, state);
                if (state.IsUnreachable) break;
            }

            return state;
        }
        finally
        {
            (observer, currentBlock) = saved;
        }
    }

    /// <summary>A small worklist over one finally region's blocks (nested finally regions inside it are not run again).</summary>
    private AttachFlowState RunRegion(ControlFlowRegion region, AttachFlowState entry)
    {
        var inputs = new Dictionary<int, AttachFlowState>();
        var work = new SortedSet<int> { region.FirstBlockOrdinal };
        inputs[region.FirstBlockOrdinal] = entry;
        var exit = AttachFlowState.Unreachable;
        var budget = (region.LastBlockOrdinal - region.FirstBlockOrdinal + 1) * 16;
        while (work.Count > 0 && budget-- > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ordinal = work.Min;
            work.Remove(ordinal);
            var block = graph!.Blocks[ordinal];
            var output = Transfer(block, inputs[ordinal]);
            if (block.ConditionKind != ControlFlowConditionKind.None) Follow(block.ConditionalSuccessor, output.Conditional);
            Follow(block.FallThroughSuccessor, output.FallThrough);
        }

        return exit;

        void Follow(ControlFlowBranch? branch, AttachFlowState state)
        {
            if (branch is null || state.IsUnreachable) return;
            if (branch.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling || branch.Destination is not { } destination
                || destination.Ordinal < region.FirstBlockOrdinal || destination.Ordinal > region.LastBlockOrdinal)
            {
                exit = AttachFlowState.Join(exit, state);
                return;
            }

            var joined = inputs.TryGetValue(destination.Ordinal, out var old) ? AttachFlowState.Join(old, state) : state;
            if (old is not null && AttachFlowState.AreEqual(old, joined)) return;
            inputs[destination.Ordinal] = joined;
            work.Add(destination.Ordinal);
        }
    }
}
