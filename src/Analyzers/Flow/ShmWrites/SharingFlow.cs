using System.Collections.Generic;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Cfg;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ShmWrites;

/// <summary>
/// A forward pass over one graph for the rest of IPC005's question at each write site: which in-process locks are
/// held on every path (a C# lock statement, which the graph lowers to Monitor.Enter/Exit; Monitor; Mutex.WaitOne /
/// ReleaseMutex; SemaphoreSlim or Semaphore Wait / Release), and whether the segment may already be shared: a fork, a
/// P, a V (from the semaphore-hold replay), an unreadable semop, an IPC_PRIVATE id handed on.
/// </summary>
internal sealed class SharingFlow : ForwardDataflow<SharingState>
{
    private static readonly object UnknownLock = new();

    private readonly ShmWriteSummaries summaries;
    private readonly GraphSites sites;
    private readonly ShmWriteAnalysis.HoldFacts hold;
    private readonly CancellationToken cancellationToken;
    private Dictionary<IOperation, SharingState>? recorded;

    private SharingFlow(ShmWriteSummaries summaries, GraphSites sites, ShmWriteAnalysis.HoldFacts hold, CancellationToken cancellationToken)
    {
        this.summaries = summaries;
        this.sites = sites;
        this.hold = hold;
        this.cancellationToken = cancellationToken;
    }

    protected override SharingState Bottom => SharingState.Unreachable;

    /// <summary>The state just before each write site of the graph (absent when the pass did not converge).</summary>
    internal static Dictionary<IOperation, SharingState> StatesAt(ShmWriteSummaries summaries, ControlFlowGraph graph, GraphSites sites, ShmWriteAnalysis.HoldFacts hold, CancellationToken cancellationToken)
    {
        var flow = new SharingFlow(summaries, sites, hold, cancellationToken);
        var result = flow.Run(graph, SharingState.Entry, cancellationToken);
        var states = new Dictionary<IOperation, SharingState>();
        if (!result.Converged) return states;
        flow.recorded = states;
        foreach (var block in result.ReachedBlocks()) flow.Transfer(block, result.Input(block));
        return states;
    }

    protected override SharingState Join(SharingState left, SharingState right) => SharingState.Join(left, right);

    protected override bool AreEqual(SharingState left, SharingState right) => SharingState.AreEqual(left, right);

    protected override BlockOutput<SharingState> Transfer(BasicBlock block, SharingState input)
    {
        var state = input;
        foreach (var operation in block.Operations) Visit(operation, ref state);
        if (block.BranchValue is { } branch) Visit(branch, ref state);
        return new BlockOutput<SharingState>(state, state);
    }

    /// <summary>Children first (the order they run in), then the operation itself.</summary>
    private void Visit(IOperation operation, ref SharingState state)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (operation is IFlowAnonymousFunctionOperation) return;
        foreach (var child in operation.ChildOperations) Visit(child, ref state);
        switch (operation)
        {
            case ILocalReferenceOperation local when sites.PrivateIds.Contains(local.Local) && Publishes(local):
                state = state.Publish(local.Local);
                break;
            case IInvocationOperation invocation:
                if (recorded is not null && sites.Positions.ContainsKey(invocation))
                {
                    recorded[invocation] = recorded.TryGetValue(invocation, out var earlier) ? SharingState.Join(earlier, state) : state;
                }

                state = Semaphores(invocation, state);
                if (summaries.Forks(invocation, cancellationToken)) state = state.With(SharingFacts.Forked);
                state = ManagedLock(invocation, state);
                break;
            case IObjectCreationOperation creation:
                state = Semaphores(creation, state);
                break;
        }
    }

    private SharingState Semaphores(IOperation operation, SharingState state)
    {
        if (hold.PSites.Contains(operation)) state = state.With(SharingFacts.Acquired);
        if (hold.VSites.Contains(operation)) state = state.With(SharingFacts.Released);
        if (hold.OpaqueSites.Contains(operation)) state = state.With(SharingFacts.Opaque);
        return state;
    }

    /// <summary>Monitor.Enter/Exit (and so the lock statement), Mutex.WaitOne/ReleaseMutex, SemaphoreSlim/Semaphore Wait/Release.</summary>
    private static SharingState ManagedLock(IInvocationOperation invocation, SharingState state)
    {
        var method = invocation.TargetMethod;
        if (method.ContainingType?.ContainingNamespace?.ToDisplayString() != "System.Threading"
            && invocation.Instance?.Type?.ContainingNamespace?.ToDisplayString() != "System.Threading")
        {
            return state;
        }

        var typeName = method.ContainingType?.Name;
        var receiverName = invocation.Instance?.Type?.Name;
        if (typeName == "Monitor")
        {
            var target = invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;
            return method.Name switch
            {
                "Enter" or "TryEnter" => state.Enter(KeyOf(target)),
                "Exit" => state.Exit(KeyOf(target)),
                _ => state,
            };
        }

        return (receiverName, method.Name) switch
        {
            ("Mutex" or "Semaphore", "WaitOne") or ("SemaphoreSlim", "Wait") => state.Enter(KeyOf(invocation.Instance)),
            ("Mutex", "ReleaseMutex") or ("Semaphore" or "SemaphoreSlim", "Release") => state.Exit(KeyOf(invocation.Instance)),
            _ => state,
        };
    }

    private static object KeyOf(IOperation? operation) => operation?.WithoutConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field.OriginalDefinition,
        IPropertyReferenceOperation property => property.Property.OriginalDefinition,
        IFlowCaptureReferenceOperation capture => capture.Id,
        _ => UnknownLock,
    };

    /// <summary>A use of an IPC_PRIVATE id that hands it on: anything but attaching/controlling it, a comparison or being assigned.</summary>
    private bool Publishes(ILocalReferenceOperation reference)
    {
        switch (reference.Parent)
        {
            case IBinaryOperation:
            case IIsPatternOperation:
            case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                return false;
            case IArgumentOperation { Parent: IInvocationOperation invocation }
                when IpcCall.TryMatch(invocation, summaries.Known, out var call) && call.Function is IpcFunction.shmat or IpcFunction.shmctl or IpcFunction.shmdt:
                return false;
            default:
                return true;
        }
    }
}
