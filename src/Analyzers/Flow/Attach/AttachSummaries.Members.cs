using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>
/// Addresses owned by a type: the fields and properties its methods store an attached address in, and whether some
/// method of the type (Dispose, Close, any cleanup method) detaches such a member.
/// </summary>
internal sealed partial class AttachSummaries
{
    private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableHashSet<ISymbol>> holders = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, bool> detachedMembers = new(SymbolEqualityComparer.Default);

    /// <summary>The members of <paramref name="type"/> that some method of it stores an address from shmat in.</summary>
    internal ImmutableHashSet<ISymbol> MembersHoldingAttachments(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        type = type.OriginalDefinition;
        if (holders.TryGetValue(type, out var known)) return known;
        var found = ImmutableHashSet.Create<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var method in MethodsOf(type))
        {
            if (!MentionsIpc(method) || GraphOf(method, cancellationToken) is not { } graph) continue;
            var collector = new StoreCollector();
            new AttachAnalysis(this, cancellationToken).Analyze(graph, AttachFlowState.Entry, collector);
            found = found.Union(collector.Members);
        }

        return holders.GetOrAdd(type, found);
    }

    /// <summary>Does some method of the member's type detach the address it holds (directly, through an alias or a helper)?</summary>
    internal bool IsMemberDetached(ISymbol member, CancellationToken cancellationToken)
    {
        member = member.OriginalDefinition;
        if (detachedMembers.TryGetValue(member, out var known)) return known;
        var detached = false;
        foreach (var method in MethodsOf(member.ContainingType))
        {
            if (GraphOf(method, cancellationToken) is not { } graph) continue;
            var analysis = new AttachAnalysis(this, cancellationToken);
            var entry = analysis.Seed(AttachFlowState.Entry, member, AttachmentKind.Member, out var seed);
            var collector = new DetachCollector(seed);
            if (analysis.Analyze(graph, entry, collector) && collector.Detached)
            {
                detached = true;
                break;
            }
        }

        return detachedMembers.GetOrAdd(member, detached);
    }

    private sealed class StoreCollector : AttachObserver
    {
        internal ImmutableHashSet<ISymbol> Members { get; private set; } = ImmutableHashSet.Create<ISymbol>(SymbolEqualityComparer.Default);

        internal override void OnStoredInMember(ISymbol member, IOperation store, ImmutableHashSet<Attachment> values, AttachFlowState state)
        {
            foreach (var value in values)
            {
                if (value.IsOwnedHere) Members = Members.Add(member.OriginalDefinition);
            }
        }
    }

    private sealed class DetachCollector(Attachment seed) : AttachObserver
    {
        internal bool Detached { get; private set; }

        internal override void OnExit(AttachExit exit, AttachFlowState state) => Detached |= state.PathsOf(seed).MayBeDetached();
    }
}
