using System.Collections.Generic;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Cfg;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>
/// Which semaphores are held at each point of a body: a P (negative sem_op, read from the sembuf array when it is
/// visible) acquires (semid symbol, sem_num), a V (positive sem_op) releases it, a test of the call's result for -1
/// undoes the P on the failure side. Helpers (Lock/Unlock, P/V, a wrapper's constructor, Acquire, Release, Dispose)
/// act through their summaries. Used by IPC005, IPC008 and IPC015; docs/design/flow-analysis-semhold.md.
/// </summary>
internal sealed partial class SemHoldAnalysis : OperationEvaluator<SemHoldAnalysis.Value, HoldState>
{
    private readonly KnownSymbols known;
    private readonly SemHoldSummaries summaries;
    private readonly CancellationToken cancellationToken;
    private readonly Dictionary<(IOperation Operation, SemKey Key), Acquisition> acquisitions = [];
    private readonly Dictionary<CaptureId, IOperation> captured = [];
    private HoldObserver? observer;
    private ControlFlowGraph? graph;
    private BasicBlock? currentBlock;
    private HoldState? thrownInBlock;

    internal SemHoldAnalysis(SemHoldSummaries summaries, CancellationToken cancellationToken)
    {
        known = summaries.Known;
        this.summaries = summaries;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The deepest operation tree analysed. Eval descends one level per call, and may start a nested analysis (a
    /// helper's summary, at most <see cref="SemHoldSummaries"/>' depth) or a finally replay from inside a tree, so
    /// this bound keeps the whole stack small. Real expressions are far shallower; a body past it is left alone.
    /// </summary>
    internal const int MaxOperationDepth = 128;

    protected override HoldState Bottom => HoldState.Unreachable;

    /// <summary>
    /// Analyses a root body and every local function and lambda nested in it, replaying each graph to the observer
    /// that <paramref name="observerFor"/> gives (one per graph; null skips the graph).
    /// </summary>
    internal static void AnalyzeBody(
        SemHoldSummaries summaries,
        ControlFlowGraph root,
        System.Func<ControlFlowGraph, HoldObserver?> observerFor,
        CancellationToken cancellationToken)
    {
        var analysis = new SemHoldAnalysis(summaries, cancellationToken);
        foreach (var graph in analysis.AllGraphs(root))
        {
            if (observerFor(graph) is not { } observer) continue;
            var result = analysis.Analyze(graph, HoldState.Entry);
            analysis.Replay(result, observer);
        }
    }

    internal DataflowResult<HoldState> Analyze(ControlFlowGraph body, HoldState entry)
    {
        graph = body;
        captured.Clear(); // capture ids are numbered per graph
        if (HasTreeDeeperThan(body, MaxOperationDepth))
        {
            // Eval recurses once per level of an operation tree: give up on the body (report nothing, summarise
            // nothing) rather than risk the compiler's stack.
            return new DataflowResult<HoldState>(body, new HoldState?[body.Blocks.Length], converged: false, Bottom);
        }

        return Run(body, entry, cancellationToken);
    }

    /// <summary>True when some operation tree of the graph nests more than <paramref name="limit"/> levels (measured without recursion).</summary>
    private static bool HasTreeDeeperThan(ControlFlowGraph body, int limit)
    {
        var pending = new Stack<(IOperation Operation, int Depth)>();
        foreach (var block in body.Blocks)
        {
            foreach (var operation in block.Operations) pending.Push((operation, 1));
            if (block.BranchValue is { } branchValue) pending.Push((branchValue, 1));
        }

        while (pending.Count > 0)
        {
            var (operation, depth) = pending.Pop();
            if (depth > limit) return true;
            foreach (var child in operation.ChildOperations) pending.Push((child, depth + 1));
        }

        return false;
    }

    /// <summary>Walks every reached block once more from its fixpoint state, telling <paramref name="listener"/> what happens.</summary>
    internal void Replay(DataflowResult<HoldState> result, HoldObserver listener)
    {
        if (!result.Converged) return;
        graph = result.Graph;
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

    /// <summary>The root graph and every local function and lambda graph nested in it.</summary>
    internal IEnumerable<ControlFlowGraph> AllGraphs(ControlFlowGraph root)
    {
        var pending = new Stack<ControlFlowGraph>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            yield return next;
            foreach (var localFunction in next.LocalFunctions)
            {
                var localGraph = next.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken);
                summaries.RegisterLocalFunction(localFunction, localGraph);
                pending.Push(localGraph);
            }

            foreach (var block in next.Blocks)
            {
                foreach (var operation in block.Operations) PushLambdas(next, operation);
                if (block.BranchValue is { } branch) PushLambdas(next, branch);
            }
        }

        void PushLambdas(ControlFlowGraph owner, IOperation operation)
        {
            foreach (var node in operation.DescendantsAndSelf())
            {
                if (node is IFlowAnonymousFunctionOperation lambda) pending.Push(owner.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken));
            }
        }
    }

    protected override HoldState Join(HoldState left, HoldState right) => HoldState.Join(left, right);

    protected override bool AreEqual(HoldState left, HoldState right) => HoldState.AreEqual(left, right);

    protected override BlockOutput<HoldState> Transfer(BasicBlock block, HoldState input)
    {
        var previous = currentBlock;
        var previousThrown = thrownInBlock;
        currentBlock = block;
        thrownInBlock = null;
        try
        {
            var output = TransferBlock(block, input);
            // An exception leaves the block from a call that may throw, with that call's state at the throw (an
            // acquiring helper that throws did not acquire; a releasing one did release), or from a throw statement.
            var thrown = thrownInBlock ?? input;
            if (block.FallThroughSuccessor?.Semantics is ControlFlowBranchSemantics.Throw or ControlFlowBranchSemantics.Rethrow)
            {
                thrown = HoldState.Join(thrown, output.FallThrough);
            }

            return new BlockOutput<HoldState>(output.FallThrough, output.Conditional, thrown);
        }
        finally
        {
            currentBlock = previous;
            thrownInBlock = previousThrown;
        }
    }

    /// <summary>Exceptions reach an outer finally or catch after the inner finally blocks they run on the way (a V there).</summary>
    protected override bool ExceptionsRunInnerFinally => true;

    /// <summary>Notes the state with which a call that may throw leaves the current block by exception.</summary>
    private void RecordThrow(HoldState atThrow)
        => thrownInBlock = thrownInBlock is null ? atThrow : HoldState.Join(thrownInBlock, atThrow);

    private BlockOutput<HoldState> TransferBlock(BasicBlock block, HoldState input)
    {
        var state = input;
        foreach (var operation in block.Operations)
        {
            if (state.IsUnreachable) return new BlockOutput<HoldState>(state, state);
            observer?.OnOperation(operation, state);
            Eval(operation, ref state);
        }

        if (state.IsUnreachable) return new BlockOutput<HoldState>(state, state);
        var fallThrough = state;
        var conditional = state;
        if (block.BranchValue is { } branchValue)
        {
            observer?.OnOperation(branchValue, state);
            var value = ConditionOf(branchValue, Eval(branchValue, ref state));
            if (state.IsUnreachable) return new BlockOutput<HoldState>(state, state);
            fallThrough = state;
            conditional = state;
            if (block.ConditionKind != ControlFlowConditionKind.None)
            {
                (fallThrough, conditional) = Branch(block, branchValue, value, state);
            }
        }

        if (observer is not null)
        {
            if (block.ConditionKind != ControlFlowConditionKind.None) ReportPathEnd(block, block.ConditionalSuccessor, conditional);
            ReportPathEnd(block, block.FallThroughSuccessor, fallThrough);
        }

        return new BlockOutput<HoldState>(fallThrough, conditional);
    }

    /// <summary>Splits on a test of a P's result: on the side where it is -1 (or false), the P did not happen.</summary>
    private static (HoldState FallThrough, HoldState Conditional) Branch(BasicBlock block, IOperation branchValue, Value value, HoldState state)
    {
        var whenTrue = state;
        var whenFalse = state;
        if (branchValue.WithoutConversions() is IIsNullOperation)
        {
            // A using's "if (resource != null) Dispose()" and "guard?.Release()": the resource is taken to exist.
            whenTrue = HoldState.Unreachable;
        }
        else if (value.Tested is { } tested)
        {
            // The other side is where the P succeeded: "do r = semop(P) while (r == -1 && errno == EINTR); if (r == -1) return;"
            // holds it on every path after the test, though the loop's exit joined a failed path in.
            if (value.TrueWhenFailed) (whenTrue, whenFalse) = (state.Undo(tested), state.Confirm(tested));
            else (whenFalse, whenTrue) = (state.Undo(tested), state.Confirm(tested));
        }

        return block.ConditionKind == ControlFlowConditionKind.WhenTrue ? (whenFalse, whenTrue) : (whenTrue, whenFalse);
    }

    private void ReportPathEnd(BasicBlock block, ControlFlowBranch? branch, HoldState state)
    {
        if (branch is null || state.IsUnreachable) return;
        switch (branch.Semantics)
        {
            case ControlFlowBranchSemantics.Return:
            case ControlFlowBranchSemantics.Regular when branch.Destination?.Kind == BasicBlockKind.Exit:
                {
                    var after = RunFinallyRegions(branch.FinallyRegions, state);
                    if (after.IsUnreachable) return;
                    var returned = ReturnSyntax(block);
                    observer!.OnExit(after, returned is null ? HoldExitKind.EndOfBody : HoldExitKind.Return, returned ?? EndOfBodySyntax());
                    return;
                }

            case ControlFlowBranchSemantics.Throw:
            case ControlFlowBranchSemantics.Rethrow:
                {
                    if (EscapeState(block, state) is not { } escaping) return;
                    var thrown = block.BranchValue?.Syntax ?? block.Operations.LastOrDefault()?.Syntax ?? EndOfBodySyntax();
                    observer!.OnExit(escaping, HoldExitKind.Throw, thrown.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.ThrowStatementSyntax>() ?? thrown);
                    return;
                }
        }
    }

    /// <summary>The return statement a block ends with, or null for the end of the body.</summary>
    private static SyntaxNode? ReturnSyntax(BasicBlock block)
    {
        var syntax = block.BranchValue?.Syntax;
        if (syntax is null) return null;
        return (SyntaxNode?)syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax>()
            ?? syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax>()
            ?? syntax;
    }

    /// <summary>Where "the end of the body" is shown: the closing brace, or the whole body when it has none.</summary>
    private SyntaxNode EndOfBodySyntax() => graph!.OriginalOperation.Syntax;
}
