using System.Collections.Generic;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Attach;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ShmWrites;

/// <summary>A write site: a Mem write, or a call of a helper that writes through the parameter this argument fills.</summary>
internal sealed record WriteCandidate(IOperation Site, IOperation Address);

/// <summary>Where an operation sits: its block and the index of the block operation that contains it (the branch value comes last).</summary>
internal readonly record struct BlockPosition(int Block, int Index);

/// <summary>One graph's write sites, the position of every call, and its IPC_PRIVATE segment ids.</summary>
internal sealed class GraphSites
{
    private GraphSites()
    {
    }

    internal List<WriteCandidate> Candidates { get; } = [];

    /// <summary>Every call and object creation of the graph (not inside its lambdas).</summary>
    internal Dictionary<IOperation, BlockPosition> Positions { get; } = [];

    /// <summary>Locals assigned only from shmget(IPC_PRIVATE, …): nobody else can attach such a segment until its id is handed on.</summary>
    internal HashSet<ILocalSymbol> PrivateIds { get; } = new(SymbolEqualityComparer.Default);

    internal static GraphSites Collect(ShmWriteSummaries summaries, ControlFlowGraph graph, CancellationToken cancellationToken)
    {
        var sites = new GraphSites();
        var notPrivate = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var block in graph.Blocks)
        {
            var operations = block.BranchValue is null ? block.Operations : block.Operations.Add(block.BranchValue);
            for (var index = 0; index < operations.Length; index++)
            {
                foreach (var node in operations[index].DescendantsAndSelf())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    switch (node)
                    {
                        case IInvocationOperation invocation:
                            sites.Positions[invocation] = new BlockPosition(block.Ordinal, index);
                            sites.AddCandidates(summaries, invocation, cancellationToken);
                            break;
                        case IObjectCreationOperation creation:
                            sites.Positions[creation] = new BlockPosition(block.Ordinal, index);
                            break;
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                            (IsPrivateShmget(assignment.Value, summaries.Known) ? sites.PrivateIds : notPrivate).Add(target.Local);
                            break;
                    }
                }
            }
        }

        sites.PrivateIds.ExceptWith(notPrivate);
        return sites;
    }

    /// <summary>The IPC_PRIVATE id local a shmat of this graph attached, if that is where the attachment comes from.</summary>
    internal ILocalSymbol? PrivateIdOf(Attachment attachment, KnownSymbols known)
    {
        if (attachment.Kind != AttachmentKind.Shmat || attachment.Origin is not IInvocationOperation invocation) return null;
        if (!IpcCall.TryMatch(invocation, known, out var call) || call.Argument("shmid") is not ILocalReferenceOperation id) return null;
        return PrivateIds.Contains(id.Local) ? id.Local : null;
    }

    private void AddCandidates(ShmWriteSummaries summaries, IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        if (summaries.MemWriteAddress(invocation) is { } address)
        {
            Candidates.Add(new WriteCandidate(invocation, address));
            return;
        }

        if (IpcCall.TryMatch(invocation, summaries.Known, out _)) return;
        var written = summaries.WrittenParameters(invocation.TargetMethod, cancellationToken);
        if (written.IsEmpty) return;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && written.Contains(parameter.Ordinal)) Candidates.Add(new WriteCandidate(invocation, argument.Value));
        }
    }

    private static bool IsPrivateShmget(IOperation value, KnownSymbols known)
        => value.WithoutConversions() is IInvocationOperation invocation && IpcCall.TryMatch(invocation, known, out var call)
            && call.Function == IpcFunction.shmget && call.Argument("key") is { } key
            && ConstantFolding.TryFold(key, out var folded) && folded == IpcConstants.IPC_PRIVATE;
}
