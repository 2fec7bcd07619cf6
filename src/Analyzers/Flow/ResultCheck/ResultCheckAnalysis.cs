using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Cfg;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>
/// Follows the results of IPC calls (and of helpers that return them) through one body: where they are stored,
/// whether they were compared with -1, which side of that test a path is on, whether errno was tested for EINTR,
/// and what errno means at each read. Used by IPC001, IPC002, IPC006 and IPC012, and by the method summaries.
/// </summary>
internal sealed partial class ResultCheckAnalysis : OperationEvaluator<ImmutableHashSet<TrackedResult>, ResultState>
{
    private readonly KnownSymbols known;
    private readonly MethodSummaries summaries;
    private readonly BlockingCalls blocking;
    private readonly CancellationToken cancellationToken;
    private readonly Dictionary<IOperation, TrackedResult> sites = [];
    private readonly Dictionary<IInvocationOperation, Callee> callees = [];
    private readonly Dictionary<CaptureId, object> captureKeys = [];
    private ResultObserver? observer;

    internal ResultCheckAnalysis(KnownSymbols known, MethodSummaries summaries, BlockingCalls blocking, CancellationToken cancellationToken)
    {
        this.known = known;
        this.summaries = summaries;
        this.blocking = blocking;
        this.cancellationToken = cancellationToken;
    }

    protected override ResultState Bottom => ResultState.Unreachable;

    /// <summary>The root graph and every local function and lambda graph nested in it.</summary>
    internal IEnumerable<ControlFlowGraph> AllGraphs(ControlFlowGraph root)
    {
        var pending = new Stack<ControlFlowGraph>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var graph = pending.Pop();
            yield return graph;
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

    /// <summary>
    /// Analyses a root body and everything nested in it, replaying each graph to the observer that
    /// <paramref name="observerFor"/> gives (one per graph; null skips the graph).
    /// </summary>
    internal static void AnalyzeBody(
        KnownSymbols known,
        MethodSummaries summaries,
        ControlFlowGraph root,
        System.Func<ControlFlowGraph, ResultObserver?> observerFor,
        CancellationToken cancellationToken)
    {
        var blocking = new BlockingCalls(known, root.OriginalOperation);
        var analysis = new ResultCheckAnalysis(known, summaries, blocking, cancellationToken);
        // Enumerate everything first so that local functions are registered before any caller is analysed.
        foreach (var graph in System.Linq.Enumerable.ToList(analysis.AllGraphs(root)))
        {
            if (observerFor(graph) is not { } observer) continue;
            var result = analysis.Analyze(graph, ResultState.Entry);
            analysis.Replay(result, observer);
        }
    }

    internal DataflowResult<ResultState> Analyze(ControlFlowGraph graph, ResultState entry) => Run(graph, entry, cancellationToken);

    /// <summary>Walks every reached block once more from its fixpoint state, telling <paramref name="listener"/> what happens.</summary>
    internal void Replay(DataflowResult<ResultState> result, ResultObserver listener)
    {
        if (!result.Converged) return;
        observer = listener;
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
            observer = null;
        }
    }

    /// <summary>A parameter stands for a result while a summary is computed: unchecked, untested, last call.</summary>
    internal TrackedResult TrackParameter(IParameterSymbol parameter)
        => new(null, parameter.Name, IpcFunction.None, BlockingKind.None, parameter.Ordinal);

    protected override ResultState Join(ResultState left, ResultState right) => ResultState.Join(left, right);

    protected override bool AreEqual(ResultState left, ResultState right) => ResultState.AreEqual(left, right);

    protected override BlockOutput<ResultState> Transfer(BasicBlock block, ResultState input)
    {
        var state = input;
        foreach (var operation in block.Operations)
        {
            if (state.IsUnreachable) return new BlockOutput<ResultState>(state, state);
            var values = Eval(operation, ref state);
            var expression = operation is IExpressionStatementOperation statement ? statement.Operation : operation;
            if (expression.WithoutConversions() is IInvocationOperation invocation
                && sites.TryGetValue(invocation, out var site) && values.Contains(site) && !state.IsUnreachable)
            {
                observer?.OnDiscard(site, state);
            }
        }

        if (state.IsUnreachable) return new BlockOutput<ResultState>(state, state);
        var fallThrough = block.FallThroughSuccessor;
        if (block.BranchValue is { } branchValue)
        {
            var values = Eval(branchValue, ref state);
            if (state.IsUnreachable) return new BlockOutput<ResultState>(state, state);
            if (block.ConditionKind != ControlFlowConditionKind.None)
            {
                var split = Branch(block, branchValue, state);
                NotifyPathEnds(block, split);
                return split;
            }

            if (fallThrough?.Semantics == ControlFlowBranchSemantics.Return)
            {
                observer?.OnReturn(branchValue, values, state);
                // The caller gets the result and the duty to check it.
                state = state.With(@unchecked: state.Unchecked.Except(values), failedUntested: state.FailedUntested.Except(values));
            }
        }

        var output = new BlockOutput<ResultState>(state, state);
        NotifyPathEnds(block, output);
        return output;
    }

    /// <summary>Tells the observer about every edge of the block that leaves the body.</summary>
    private void NotifyPathEnds(BasicBlock block, BlockOutput<ResultState> output)
    {
        if (observer is null) return;
        Notify(block.FallThroughSuccessor, output.FallThrough);
        if (block.ConditionKind != ControlFlowConditionKind.None) Notify(block.ConditionalSuccessor, output.Conditional);

        void Notify(ControlFlowBranch? branch, ResultState state)
        {
            if (branch is null || state.IsUnreachable) return;
            switch (branch.Semantics)
            {
                case ControlFlowBranchSemantics.Return:
                case ControlFlowBranchSemantics.Regular when branch.Destination?.Kind == BasicBlockKind.Exit:
                    observer!.OnPathEnd(state, normal: true);
                    break;
                case ControlFlowBranchSemantics.Throw:
                case ControlFlowBranchSemantics.Rethrow:
                case ControlFlowBranchSemantics.ProgramTermination:
                    observer!.OnPathEnd(state, normal: false);
                    break;
            }
        }
    }

    private BlockOutput<ResultState> Branch(BasicBlock block, IOperation branchValue, ResultState state)
    {
        if (!TryGetCondition(branchValue, state, out var tested, out var trueWhenFailed))
        {
            return new BlockOutput<ResultState>(state, state);
        }

        var conditionalTakenWhen = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
        var conditionalIsFailure = trueWhenFailed == conditionalTakenWhen;
        var failure = OnFailureSide(state, tested);
        var success = OnSuccessSide(state, tested);
        return conditionalIsFailure
            ? new BlockOutput<ResultState>(success, failure)
            : new BlockOutput<ResultState>(failure, success);
    }

    /// <summary>The path where <paramref name="tested"/> may be -1.</summary>
    private static ResultState OnFailureSide(ResultState state, ImmutableHashSet<TrackedResult> tested)
    {
        var newlyFailed = state.Pending.Intersect(tested);
        var errno = state.Errno;
        // Every errno fact here is about the last call: on its failure side, whatever a join brought in from its
        // success side cannot hold.
        const ErrnoFacts AboutLastCall = ErrnoFacts.Pending | ErrnoFacts.PendingAfterFailure | ErrnoFacts.Stale;
        if (state.LastCalls.Overlaps(tested) && (errno & AboutLastCall) != 0)
        {
            errno = (errno & ~AboutLastCall) | ErrnoFacts.Fresh;
        }

        return state.With(
            pending: state.Pending.Except(tested),
            failedUntested: state.FailedUntested.Union(newlyFailed),
            maybeFailed: state.MaybeFailed.Union(tested),
            errno: errno);
    }

    /// <summary>The path where <paramref name="tested"/> is known not to be -1.</summary>
    private static ResultState OnSuccessSide(ResultState state, ImmutableHashSet<TrackedResult> tested)
    {
        var errno = state.Errno;
        const ErrnoFacts AboutLastCall = ErrnoFacts.Pending | ErrnoFacts.PendingAfterFailure | ErrnoFacts.Fresh;
        if (state.LastCalls.Overlaps(tested) && (errno & AboutLastCall) != 0)
        {
            errno = (errno & ~AboutLastCall) | ErrnoFacts.Stale;
        }

        return state.With(
            pending: state.Pending.Except(tested),
            failedUntested: state.FailedUntested.Except(tested),
            maybeFailed: state.MaybeFailed.Except(tested),
            errno: errno);
    }
}
