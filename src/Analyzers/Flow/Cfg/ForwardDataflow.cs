using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace IpcAnalyzers.Flow.Cfg;

/// <summary>
/// A small forward dataflow worklist over Roslyn's <see cref="ControlFlowGraph"/>, generic over the state lattice.
/// Subclasses give the lattice (bottom = unreachable, join, equality) and the transfer of one block.
/// Exceptions: a catch or filter handler starts from the join of every state seen inside its try region, and a
/// finally region as well (the exceptional entry). A branch that leaves a try through finally regions runs them
/// inline with its own state, so that "checked before the try" stays true after it (docs/design/flow-analysis.md).
/// </summary>
internal abstract class ForwardDataflow<TState>
    where TState : class
{
    /// <summary>Upper bound of block visits per block before giving up (a non-monotone transfer is a bug).</summary>
    private const int VisitsPerBlock = 64;

    /// <summary>The state of code that cannot run; the identity of <see cref="Join"/>.</summary>
    protected abstract TState Bottom { get; }

    protected abstract TState Join(TState left, TState right);

    /// <summary>
    /// Off by default: an outer handler sees the raw states of the try blocks nested in inner try/finally regions.
    /// On: the exception runs the inner finally regions (inline, from its own state) before it reaches the outer handler.
    /// </summary>
    protected virtual bool ExceptionsRunInnerFinally => false;

    protected abstract bool AreEqual(TState left, TState right);

    /// <summary>Runs the block's operations and branch value; returns the state on the fall-through and the conditional edge.</summary>
    protected abstract BlockOutput<TState> Transfer(BasicBlock block, TState input);

    internal DataflowResult<TState> Run(ControlFlowGraph cfg, TState entry, CancellationToken cancellationToken)
    {
        var solver = new Solver(this, cfg, cancellationToken);
        var converged = solver.SolveMain(entry);
        return new DataflowResult<TState>(cfg, solver.Inputs, converged, Bottom);
    }

    private sealed class Solver
    {
        private readonly ForwardDataflow<TState> analysis;
        private readonly ControlFlowGraph cfg;
        private readonly CancellationToken cancellationToken;
        private readonly List<int>?[] handlersCovering;
        private static readonly List<int> NoHandlers = [];
        private readonly Dictionary<int, ControlFlowRegion> finallyAt = [];
        private int budget;

        internal Solver(ForwardDataflow<TState> analysis, ControlFlowGraph cfg, CancellationToken cancellationToken)
        {
            this.analysis = analysis;
            this.cfg = cfg;
            this.cancellationToken = cancellationToken;
            Inputs = new TState?[cfg.Blocks.Length];
            // Most blocks are in no try region: their entry stays null rather than an empty list.
            handlersCovering = new List<int>?[cfg.Blocks.Length];
            IndexHandlers(cfg.Root);
            budget = (cfg.Blocks.Length + 1) * VisitsPerBlock;
        }

        internal TState?[] Inputs { get; }

        internal bool SolveMain(TState entry)
        {
            var range = new Range(0, cfg.Blocks.Length - 1, Inline: null);
            return Solve(range, 0, entry, Inputs, out _);
        }

        /// <summary>Solves the blocks in <paramref name="range"/>; for an inline finally, returns the state at its end.</summary>
        private bool Solve(Range range, int entryOrdinal, TState entry, TState?[] inputs, out TState finallyExit)
        {
            var exit = analysis.Bottom;
            var work = new SortedSet<int>();
            var converged = true;
            Merge(entryOrdinal, entry);
            while (work.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (--budget < 0)
                {
                    converged = false;
                    break;
                }

                var ordinal = work.Min;
                work.Remove(ordinal);
                var block = cfg.Blocks[ordinal];
                var input = inputs[ordinal] ?? analysis.Bottom;
                var output = analysis.Transfer(block, input);

                // Anything in a try region may throw: its handlers see every state inside it.
                if (analysis.ExceptionsRunInnerFinally || output.Thrown is not null)
                {
                    converged &= RouteException(ordinal, output.Thrown ?? analysis.Join(input, analysis.Join(output.FallThrough, output.Conditional)));
                }
                else
                {
                    foreach (var handler in handlersCovering[ordinal] ?? NoHandlers)
                    {
                        if (!range.Contains(handler)) continue;
                        Merge(handler, input);
                        Merge(handler, analysis.Join(output.FallThrough, output.Conditional));
                    }
                }

                if (block.ConditionKind != ControlFlowConditionKind.None)
                {
                    converged &= Follow(block.ConditionalSuccessor, output.Conditional);
                }

                converged &= Follow(block.FallThroughSuccessor, output.FallThrough);
            }

            finallyExit = exit;
            return converged;

            bool Follow(ControlFlowBranch? branch, TState state)
            {
                if (branch is null) return true;
                if (branch.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling)
                {
                    if (range.Inline is { } region && branch.Source.Ordinal >= region.FirstBlockOrdinal && branch.Source.Ordinal <= region.LastBlockOrdinal)
                    {
                        exit = analysis.Join(exit, state);
                    }

                    return true;
                }

                if (branch.Destination is not { } destination) return true;
                var current = state;
                var ok = true;
                foreach (var finallyRegion in branch.FinallyRegions)
                {
                    if (!ReferenceEquals(range.Inline, finallyRegion))
                    {
                        // The main pass also sees the normal entries, so that reports inside finally are sound.
                        if (ReferenceEquals(inputs, Inputs)) Merge(finallyRegion.FirstBlockOrdinal, current);
                    }

                    var scratch = new TState?[cfg.Blocks.Length];
                    ok &= Solve(new Range(finallyRegion.FirstBlockOrdinal, finallyRegion.LastBlockOrdinal, finallyRegion), finallyRegion.FirstBlockOrdinal, current, scratch, out current);
                }

                if (range.Contains(destination.Ordinal)) Merge(destination.Ordinal, current);
                return ok;
            }

            // Handlers are listed innermost first: with ExceptionsRunInnerFinally, an outer handler sees the state
            // after the inner finally regions the exception runs on its way there.
            bool RouteException(int ordinal, TState thrown)
            {
                var ok = true;
                var handlers = handlersCovering[ordinal] ?? NoHandlers;
                for (var h = 0; h < handlers.Count; h++)
                {
                    if (!range.Contains(handlers[h])) continue;
                    Merge(handlers[h], thrown);
                    if (!analysis.ExceptionsRunInnerFinally || h + 1 >= handlers.Count || !finallyAt.TryGetValue(handlers[h], out var region)) continue;
                    ok &= Solve(new Range(region.FirstBlockOrdinal, region.LastBlockOrdinal, region), region.FirstBlockOrdinal, thrown, new TState?[cfg.Blocks.Length], out thrown);
                    if (analysis.AreEqual(thrown, analysis.Bottom)) break;
                }

                return ok;
            }

            void Merge(int ordinal, TState state)
            {
                var old = inputs[ordinal];
                var joined = old is null ? state : analysis.Join(old, state);
                if (old is not null && analysis.AreEqual(old, joined)) return;
                inputs[ordinal] = joined;
                work.Add(ordinal);
            }
        }

        private void IndexHandlers(ControlFlowRegion region)
        {
            foreach (var nested in region.NestedRegions)
            {
                var isHandler = nested.Kind switch
                {
                    ControlFlowRegionKind.Catch => region.Kind == ControlFlowRegionKind.TryAndCatch,
                    ControlFlowRegionKind.FilterAndHandler => true,
                    ControlFlowRegionKind.Finally => true,
                    _ => false,
                };
                if (isHandler && region.NestedRegions.Length > 0 && region.NestedRegions[0].Kind == ControlFlowRegionKind.Try)
                {
                    var tryRegion = region.NestedRegions[0];
                    for (var b = tryRegion.FirstBlockOrdinal; b <= tryRegion.LastBlockOrdinal; b++)
                    {
                        (handlersCovering[b] ??= []).Add(nested.FirstBlockOrdinal);
                    }

                    if (nested.Kind == ControlFlowRegionKind.Finally) finallyAt[nested.FirstBlockOrdinal] = nested;
                }

                IndexHandlers(nested);
            }
        }

            private readonly record struct Range(int First, int Last, ControlFlowRegion? Inline)
        {
            internal bool Contains(int ordinal) => ordinal >= First && ordinal <= Last;
        }
    }
}

/// <summary>The two outgoing states of a block: fall-through, and conditional (used when the block branches).</summary>
internal readonly struct BlockOutput<TState>
    where TState : class
{
    internal BlockOutput(TState fallThrough, TState conditional, TState? thrown = null)
    {
        FallThrough = fallThrough;
        Conditional = conditional;
        Thrown = thrown;
    }

    /// <summary>The state an exception raised in the block leaves it with, when the analysis says; null: its input and outputs.</summary>
    internal TState? Thrown { get; }

    internal TState FallThrough { get; }

    internal TState Conditional { get; }
}

/// <summary>The fixpoint: the state at the start of every block. Unreached blocks have the bottom state.</summary>
internal sealed class DataflowResult<TState>
    where TState : class
{
    private readonly TState?[] inputs;
    private readonly TState bottom;

    internal DataflowResult(ControlFlowGraph graph, TState?[] inputs, bool converged, TState bottom)
    {
        Graph = graph;
        this.inputs = inputs;
        Converged = converged;
        this.bottom = bottom;
    }

    internal ControlFlowGraph Graph { get; }

    /// <summary>False when the visit budget ran out: callers report nothing rather than guess.</summary>
    internal bool Converged { get; }

    internal TState Input(BasicBlock block) => inputs[block.Ordinal] ?? bottom;

    internal bool IsReached(BasicBlock block) => inputs[block.Ordinal] is not null;

    /// <summary>The state on normal exit (every return and the end of the body).</summary>
    internal TState Exit => Input(Graph.Blocks[Graph.Blocks.Length - 1]);

    internal IEnumerable<BasicBlock> ReachedBlocks()
    {
        foreach (var block in Graph.Blocks)
        {
            if (inputs[block.Ordinal] is not null) yield return block;
        }
    }
}
