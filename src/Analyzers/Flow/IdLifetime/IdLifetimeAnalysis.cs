using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Cfg;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.IdLifetime;

/// <summary>
/// Follows the ids of System V objects through one body (IPC004): which locals hold the id of an object created
/// here, whether the get call failed on a path, where IPC_RMID reaches it, and where it is handed to someone else
/// (returned, stored in a field, written into shared memory or a message, passed to a method that keeps it). It
/// also names, for the compilation-wide part, the fields and keys that some removal reaches.
/// </summary>
internal sealed partial class IdLifetimeAnalysis : OperationEvaluator<ImmutableHashSet<IdValue>, IdState>
{
    private static readonly ImmutableHashSet<IdValue> None = ImmutableHashSet<IdValue>.Empty;

    private readonly KnownSymbols known;
    private readonly IdSummaries summaries;
    private readonly CancellationToken cancellationToken;
    private readonly Dictionary<IOperation, Creation> creations = [];
    private readonly HashSet<ILocalSymbol> removedByNestedFunctions = new(SymbolEqualityComparer.Default);
    private IdLifetimeListener? listener;
    private ControlFlowGraph? replayGraph;
    private SyntaxNode? bodySyntax;

    internal IdLifetimeAnalysis(KnownSymbols known, IdSummaries summaries, CancellationToken cancellationToken)
    {
        this.known = known;
        this.summaries = summaries;
        this.cancellationToken = cancellationToken;
    }

    protected override IdState Bottom => IdState.Unreachable;

    /// <summary>
    /// Analyses a root body and every lambda and local function nested in it, each with the listener that
    /// <paramref name="listenerFor"/> gives. A local that a nested function removes (a ProcessExit or signal
    /// handler, a cleanup local function) counts as handed to that function.
    /// </summary>
    internal static void AnalyzeBody(
        KnownSymbols known,
        IdSummaries summaries,
        ControlFlowGraph root,
        System.Func<ControlFlowGraph, IdLifetimeListener?> listenerFor,
        CancellationToken cancellationToken)
    {
        var analysis = new IdLifetimeAnalysis(known, summaries, cancellationToken);
        var graphs = analysis.AllGraphs(root);
        foreach (var graph in graphs)
        {
            if (!ReferenceEquals(graph, root)) analysis.CollectRemovedCaptures(graph.OriginalOperation);
        }

        foreach (var graph in graphs)
        {
            if (listenerFor(graph) is not { } listener) continue;
            var result = analysis.Analyze(graph, IdState.Entry);
            analysis.Replay(result, listener);
        }
    }

    internal DataflowResult<IdState> Analyze(ControlFlowGraph graph, IdState entry)
    {
        bodySyntax = graph.OriginalOperation.Syntax;
        return Run(graph, entry, cancellationToken);
    }

    /// <summary>A local of an enclosing function, written by a lambda or local function: the enclosing code owns what it gets.</summary>
    private bool IsCapturedFromOutside(ILocalSymbol local)
    {
        if (bodySyntax is null) return false;
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == bodySyntax.SyntaxTree && bodySyntax.Span.Contains(reference.Span)) return false;
        }

        return local.DeclaringSyntaxReferences.Length > 0;
    }

    /// <summary>Walks every reached block once more from its fixpoint state, telling <paramref name="observer"/> what happens.</summary>
    internal void Replay(DataflowResult<IdState> result, IdLifetimeListener observer)
    {
        if (!result.Converged) return;
        listener = observer;
        replayGraph = result.Graph;
        try
        {
            foreach (var block in result.ReachedBlocks())
            {
                cancellationToken.ThrowIfCancellationRequested();
                Transfer(block, result.Input(block));
            }
        }
        finally
        {
            listener = null;
            replayGraph = null;
        }
    }

    /// <summary>The root graph and every local function and lambda graph nested in it.</summary>
    internal List<ControlFlowGraph> AllGraphs(ControlFlowGraph root)
    {
        var all = new List<ControlFlowGraph>();
        var pending = new Stack<ControlFlowGraph>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var graph = pending.Pop();
            all.Add(graph);
            foreach (var localFunction in graph.LocalFunctions)
            {
                var localGraph = graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken);
                summaries.RegisterLocalFunction(localFunction, localGraph);
                pending.Push(localGraph);
            }

            foreach (var block in graph.Blocks)
            {
                foreach (var operation in block.Operations) PushLambdas(graph, operation);
                if (block.BranchValue is { } branch) PushLambdas(graph, branch);
            }
        }

        return all;

        void PushLambdas(ControlFlowGraph graph, IOperation operation)
        {
            foreach (var node in operation.DescendantsAndSelf())
            {
                if (node is IFlowAnonymousFunctionOperation lambda)
                {
                    pending.Push(graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken));
                }
            }
        }
    }

    protected override IdState Join(IdState left, IdState right) => IdState.Join(left, right);

    protected override bool AreEqual(IdState left, IdState right) => IdState.AreEqual(left, right);

    protected override BlockOutput<IdState> Transfer(BasicBlock block, IdState input)
    {
        var state = input;
        foreach (var operation in block.Operations)
        {
            if (state.IsUnreachable) return new BlockOutput<IdState>(state, state);
            Eval(operation, ref state);
        }

        if (state.IsUnreachable) return new BlockOutput<IdState>(state, state);
        var fallThrough = block.FallThroughSuccessor;
        if (block.BranchValue is { } branchValue)
        {
            if (block.ConditionKind != ControlFlowConditionKind.None)
            {
                var output = Branch(block, branchValue, state);
                ReportExit(block, block.ConditionalSuccessor, output.Conditional);
                ReportExit(block, fallThrough, output.FallThrough);
                return output;
            }

            var values = Eval(branchValue, ref state);
            if (state.IsUnreachable) return new BlockOutput<IdState>(state, state);
            if (fallThrough?.Semantics == ControlFlowBranchSemantics.Return)
            {
                // The caller gets the id and the duty to remove it.
                HandOverValues(values, branchValue, HandOver.Returned, ref state);
            }
        }

        ReportExit(block, fallThrough, state);
        return new BlockOutput<IdState>(state, state);
    }

    private void ReportExit(BasicBlock block, ControlFlowBranch? branch, IdState state)
    {
        if (listener is null || branch is null || state.IsUnreachable) return;
        switch (branch.Semantics)
        {
            case ControlFlowBranchSemantics.Return:
            case ControlFlowBranchSemantics.Regular when branch.Destination?.Kind == BasicBlockKind.Exit:
                foreach (var region in branch.FinallyRegions) state = AfterFinally(region, state);
                listener.OnExit(state, ExitLocation(block, branch), normal: true);
                break;
            case ControlFlowBranchSemantics.Throw:
            case ControlFlowBranchSemantics.Rethrow:
                foreach (var tryAnd in block.EnclosingTryRegions())
                {
                    // A catch may handle it (its own exits are judged there); a finally runs on the way out.
                    if (tryAnd.Kind == ControlFlowRegionKind.TryAndCatch) return;
                    if (tryAnd.Kind == ControlFlowRegionKind.TryAndFinally) state = AfterFinally(tryAnd.NestedRegions[1], state);
                }

                listener.OnExit(state, ExitLocation(block, branch), normal: false);
                break;
        }
    }

    /// <summary>
    /// The state at the end of a finally region entered with <paramref name="entry"/>, for judging an exit that
    /// runs it. One pass in block order (a loop inside a finally is read once), without telling the listener.
    /// </summary>
    private IdState AfterFinally(ControlFlowRegion region, IdState entry)
    {
        if (replayGraph is null) return entry;
        var saved = listener;
        listener = null;
        try
        {
            var inputs = new Dictionary<int, IdState> { [region.FirstBlockOrdinal] = entry };
            var exit = IdState.Unreachable;
            for (var ordinal = region.FirstBlockOrdinal; ordinal <= region.LastBlockOrdinal; ordinal++)
            {
                if (!inputs.TryGetValue(ordinal, out var input)) continue;
                var block = replayGraph.Blocks[ordinal];
                var output = Transfer(block, input);
                Follow(block.ConditionKind != ControlFlowConditionKind.None ? block.ConditionalSuccessor : null, output.Conditional);
                Follow(block.FallThroughSuccessor, output.FallThrough);

                void Follow(ControlFlowBranch? next, IdState state)
                {
                    if (next is null) return;
                    if (next.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling)
                    {
                        exit = IdState.Join(exit, state);
                    }
                    else if (next.Destination is { } destination && destination.Ordinal > ordinal && destination.Ordinal <= region.LastBlockOrdinal)
                    {
                        inputs[destination.Ordinal] = inputs.TryGetValue(destination.Ordinal, out var old) ? IdState.Join(old, state) : state;
                    }
                }
            }

            return exit;
        }
        finally
        {
            listener = saved;
        }
    }

    /// <summary>Where a path leaves: the return or throw statement, or the end of the body.</summary>
    private Location? ExitLocation(BasicBlock block, ControlFlowBranch branch)
    {
        if (branch.Semantics != ControlFlowBranchSemantics.Regular && block.ConditionKind == ControlFlowConditionKind.None
            && block.BranchValue is { Syntax: { } value })
        {
            return value.Parent is ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax or ArrowExpressionClauseSyntax
                ? value.Parent.GetLocation()
                : value.GetLocation();
        }

        var body = replayGraph?.OriginalOperation.Syntax;
        return body?.GetLastToken().GetLocation();
    }
}
