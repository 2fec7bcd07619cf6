using System.Collections.Generic;
using System.Collections.Immutable;
using IpcAnalyzers.Flow.Cfg;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>
/// Paths out of the body by exception, and the finally blocks a path runs on its way out. The shared dataflow feeds
/// a handler with every state of its try region; to say which exit leaks, this replays the finally blocks from the
/// state at the exit itself.
/// </summary>
internal sealed partial class SemHoldAnalysis
{
    /// <summary>Budget of block visits when running one finally region on its own.</summary>
    private const int FinallyVisits = 256;

    /// <summary>How many finally regions one replay may run inside each other (a branch out of nested try blocks in a finally).</summary>
    private const int MaxFinallyNesting = 16;

    private int finallyNesting;

    /// <summary>
    /// The state with which an exception raised in <paramref name="block"/> leaves the body, after the finally blocks
    /// it runs; null when a catch of the body takes it (the dataflow follows the catch itself).
    /// </summary>
    private HoldState? EscapeState(BasicBlock block, HoldState state)
    {
        if (observer is null) return null;
        foreach (var parent in block.EnclosingTryRegions())
        {
            if (parent.Kind == ControlFlowRegionKind.TryAndCatch) return null;
            if (parent.Kind == ControlFlowRegionKind.TryAndFinally && parent.NestedRegions.Length == 2)
            {
                state = RunFinally(parent.NestedRegions[1], state);
                if (state.IsUnreachable) return null;
            }
        }

        return state;
    }

    private HoldState RunFinallyRegions(ImmutableArray<ControlFlowRegion> regions, HoldState state)
    {
        foreach (var region in regions)
        {
            if (state.IsUnreachable) break;
            state = RunFinally(region, state);
        }

        return state;
    }

    /// <summary>Runs one finally region from <paramref name="entry"/>, quietly, and returns the state at its end.</summary>
    private HoldState RunFinally(ControlFlowRegion region, HoldState entry)
    {
        // Out of nesting budget: say nothing rather than guess, as when the visit budget runs out.
        if (finallyNesting >= MaxFinallyNesting) return HoldState.Unreachable;
        var saved = observer;
        observer = null;
        finallyNesting++;
        try
        {
            var inputs = new Dictionary<int, HoldState>();
            var work = new SortedSet<int>();
            var exit = HoldState.Unreachable;
            var budget = FinallyVisits;
            Merge(region.FirstBlockOrdinal, entry);
            while (work.Count > 0 && --budget >= 0)
            {
                var ordinal = work.Min;
                work.Remove(ordinal);
                var block = graph!.Blocks[ordinal];
                var output = Transfer(block, inputs[ordinal]);
                if (block.ConditionKind != ControlFlowConditionKind.None) Follow(block.ConditionalSuccessor, output.Conditional);
                Follow(block.FallThroughSuccessor, output.FallThrough);
            }

            // Out of budget: say nothing rather than guess.
            return budget < 0 ? HoldState.Unreachable : exit;

            void Follow(ControlFlowBranch? branch, HoldState state)
            {
                if (branch is null || state.IsUnreachable) return;
                if (branch.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling)
                {
                    exit = HoldState.Join(exit, state);
                    return;
                }

                if (branch.Destination is not { } destination || destination.Ordinal < region.FirstBlockOrdinal || destination.Ordinal > region.LastBlockOrdinal) return;
                Merge(destination.Ordinal, RunFinallyRegions(branch.FinallyRegions, state));
            }

            void Merge(int ordinal, HoldState state)
            {
                if (state.IsUnreachable) return;
                var joined = inputs.TryGetValue(ordinal, out var old) ? HoldState.Join(old, state) : state;
                if (old is not null && HoldState.AreEqual(old, joined)) return;
                inputs[ordinal] = joined;
                work.Add(ordinal);
            }
        }
        finally
        {
            observer = saved;
            finallyNesting--;
        }
    }
}
