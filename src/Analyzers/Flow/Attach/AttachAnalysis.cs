using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Cfg;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>
/// Follows the addresses that shmat returns through one body (docs/design/flow-analysis-attach.md): which locations
/// hold an address derived from an attachment (aliases, offsets, conversions, tuples, out arguments of helpers that
/// attach), and what happens to each attachment on every path: shmdt, escape (returned, stored, kept by a callee),
/// or the failure side of a -1 test. Used by IPC003 and IPC007, and by IPC005 through <see cref="AttachResult"/>.
/// </summary>
internal sealed partial class AttachAnalysis : OperationEvaluator<ImmutableHashSet<Attachment>, AttachFlowState>
{
    private readonly KnownSymbols known;
    private readonly AttachSummaries summaries;
    private readonly CancellationToken cancellationToken;
    private readonly Dictionary<IOperation, Attachment> sites = [];
    private readonly Dictionary<ISymbol, Attachment> symbolSites = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<BasicBlock, ExceptionRoute> routes = [];
    private ControlFlowGraph? graph;
    private AttachObserver? observer;
    private BasicBlock? currentBlock;

    internal AttachAnalysis(AttachSummaries summaries, CancellationToken cancellationToken)
    {
        known = summaries.Known;
        this.summaries = summaries;
        this.cancellationToken = cancellationToken;
    }

    protected override AttachFlowState Bottom => AttachFlowState.Unreachable;

    /// <summary>
    /// Analyses a root body and every lambda and local function nested in it, each as an owner of its own, and
    /// gives each graph's result to <paramref name="onResult"/>.
    /// </summary>
    internal static void AnalyzeBody(
        AttachSummaries summaries,
        ControlFlowGraph root,
        IEnumerable<ISymbol>? members,
        System.Action<AttachResult> onResult,
        CancellationToken cancellationToken)
    {
        var graphs = AllGraphs(summaries, root, cancellationToken);
        foreach (var graph in graphs)
        {
            var analysis = new AttachAnalysis(summaries, cancellationToken);
            var entry = AttachFlowState.Entry;
            // Members that hold the type's attachment start out attached (owned by the type, not by this body).
            foreach (var member in members ?? []) entry = analysis.Seed(entry, member, AttachmentKind.Member, out _);
            var collector = new AttachResult.Collector(graph);
            if (analysis.Analyze(graph, entry, collector)) onResult(collector.Result);
        }
    }

    /// <summary>The root graph and every local function and lambda graph nested in it (local functions registered first).</summary>
    internal static List<ControlFlowGraph> AllGraphs(AttachSummaries summaries, ControlFlowGraph root, CancellationToken cancellationToken)
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

            foreach (var lambda in Lambdas(graph)) pending.Push(graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken));
        }

        return all;
    }

    /// <summary>Solves <paramref name="cfg"/> from <paramref name="entry"/> and replays it to <paramref name="listener"/>; false when it did not converge.</summary>
    internal bool Analyze(ControlFlowGraph cfg, AttachFlowState entry, AttachObserver listener)
    {
        graph = cfg;
        var result = Run(cfg, entry, cancellationToken);
        if (!result.Converged) return false;
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

        return true;
    }

    /// <summary>A symbol stands for an address owned elsewhere (a parameter, a member, a captured local).</summary>
    internal AttachFlowState Seed(AttachFlowState state, ISymbol symbol, AttachmentKind kind, out Attachment attachment)
    {
        attachment = SiteFor(symbol, () => new Attachment(kind, null, symbol, symbol.Name));
        return state.WithValue(symbol, ImmutableHashSet.Create(attachment)).WithPaths(attachment, AttachPaths.Attached);
    }

    protected override AttachFlowState Join(AttachFlowState left, AttachFlowState right) => AttachFlowState.Join(left, right);

    protected override bool AreEqual(AttachFlowState left, AttachFlowState right) => AttachFlowState.AreEqual(left, right);

    protected override BlockOutput<AttachFlowState> Transfer(BasicBlock block, AttachFlowState input)
    {
        currentBlock = block;
        var state = input;
        foreach (var operation in block.Operations)
        {
            if (state.IsUnreachable) return new BlockOutput<AttachFlowState>(state, state);
            Eval(operation, ref state);
        }

        if (state.IsUnreachable) return new BlockOutput<AttachFlowState>(state, state);
        var fallThrough = block.FallThroughSuccessor;
        if (block.BranchValue is { } branchValue)
        {
            var values = Eval(branchValue, ref state);
            if (state.IsUnreachable) return new BlockOutput<AttachFlowState>(state, state);
            if (block.ConditionKind != ControlFlowConditionKind.None)
            {
                var output = Branch(block, branchValue, state);
                NotifyExit(block, block.ConditionalSuccessor, output.Conditional);
                NotifyExit(block, fallThrough, output.FallThrough);
                return output;
            }

            if (fallThrough?.Semantics == ControlFlowBranchSemantics.Return)
            {
                observer?.OnReturn(branchValue, values, state);
                // The caller receives the address, and with it the duty to detach it.
                state = Escape(values, state, ownedOnly: true);
            }
        }

        NotifyExit(block, fallThrough, state);
        return new BlockOutput<AttachFlowState>(state, state);
    }

    private void NotifyExit(BasicBlock block, ControlFlowBranch? branch, AttachFlowState state)
    {
        if (observer is null || branch is null || state.IsUnreachable) return;
        switch (branch.Semantics)
        {
            case ControlFlowBranchSemantics.Return:
                observer.OnExit(ExitLocator.Find(graph!, block, branch, AttachExitKind.Return), RunFinallies(branch.FinallyRegions, state));
                break;
            case ControlFlowBranchSemantics.Regular when branch.Destination?.Kind == BasicBlockKind.Exit:
                observer.OnExit(ExitLocator.Find(graph!, block, branch, AttachExitKind.End), RunFinallies(branch.FinallyRegions, state));
                break;
            case ControlFlowBranchSemantics.Throw:
            case ControlFlowBranchSemantics.Rethrow:
                OnMayThrow(block, ExitLocator.Find(graph!, block, branch, AttachExitKind.Throw), state, explicitThrow: true);
                break;
        }
    }

    private static IEnumerable<IFlowAnonymousFunctionOperation> Lambdas(ControlFlowGraph graph)
    {
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                foreach (var node in operation.DescendantsAndSelf())
                {
                    if (node is IFlowAnonymousFunctionOperation lambda) yield return lambda;
                }
            }

            if (block.BranchValue is null) continue;
            foreach (var node in block.BranchValue.DescendantsAndSelf())
            {
                if (node is IFlowAnonymousFunctionOperation lambda) yield return lambda;
            }
        }
    }

    private Attachment SiteFor(IOperation origin, System.Func<Attachment> create)
    {
        if (!sites.TryGetValue(origin, out var site))
        {
            site = create();
            sites[origin] = site;
        }

        return site;
    }

    private Attachment SiteFor(ISymbol symbol, System.Func<Attachment> create)
    {
        if (!symbolSites.TryGetValue(symbol, out var site))
        {
            site = create();
            symbolSites[symbol] = site;
        }

        return site;
    }
}
