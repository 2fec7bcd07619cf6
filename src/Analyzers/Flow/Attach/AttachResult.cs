using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>An attachment still attached on a way out of its owner.</summary>
internal sealed record AttachLeak(Attachment Attachment, AttachExit Exit);

/// <summary>An attachment stored in a field or property of the owner's type.</summary>
internal sealed record AttachMemberStore(Attachment Attachment, ISymbol Member, IOperation Store);

/// <summary>A Mem access (or a second shmdt) through an address that shmdt released on some path before it.</summary>
internal sealed record AccessAfterDetach(IOperation Access, IOperation Address, Attachment Attachment, bool IsSecondDetach);

/// <summary>
/// What the attach analysis found in one body (a method, lambda or local function), and the query other rules ask
/// of it: is the address an operation uses derived from shmat, and in what state is it there? The answers are keyed
/// by syntax, so they hold for the operations of the graph and for those of the original operation tree alike.
/// </summary>
internal sealed class AttachResult
{
    private readonly Dictionary<SyntaxNode, (ImmutableHashSet<Attachment> Values, AttachPaths Paths)> addresses = [];
    private readonly Dictionary<Attachment, List<IOperation>> detaches = [];

    private AttachResult(ControlFlowGraph graph) => Graph = graph;

    internal ControlFlowGraph Graph { get; }

    internal List<AttachLeak> Leaks { get; } = [];

    internal List<AttachMemberStore> MemberStores { get; } = [];

    internal List<AccessAfterDetach> AccessesAfterDetach { get; } = [];

    /// <summary>IPC005's question: does the value used as an address here derive, on some path, from a shmat (in this body or a member that holds one)?</summary>
    internal bool IsDerivedFromShmat(IOperation address) => !AttachmentsOf(address).IsEmpty;

    /// <summary>The attachments an address argument (of a Mem access or any call) may derive from; empty when none or not seen.</summary>
    internal ImmutableHashSet<Attachment> AttachmentsOf(IOperation address)
        => Lookup(address) is { } found ? found.Values : ImmutableHashSet<Attachment>.Empty;

    /// <summary>The state of the attachment(s) behind an address argument at that point.</summary>
    internal AttachState StateOf(IOperation address) => Lookup(address) is { } found ? found.Paths.ToState() : AttachState.Unknown;

    /// <summary>The shmdt calls (or detaching helper calls) of this body that release <paramref name="attachment"/>.</summary>
    internal IReadOnlyList<IOperation> DetachesOf(Attachment attachment)
        => detaches.TryGetValue(attachment, out var calls) ? calls : [];

    private (ImmutableHashSet<Attachment> Values, AttachPaths Paths)? Lookup(IOperation address)
    {
        if (addresses.TryGetValue(address.Syntax, out var found)) return found;
        return addresses.TryGetValue(address.WithoutConversions().Syntax, out found) ? found : null;
    }

    /// <summary>Builds the result while the analysis replays the fixpoint.</summary>
    internal sealed class Collector(ControlFlowGraph graph) : AttachObserver
    {
        private readonly HashSet<(Attachment, Location?)> leaked = [];
        private readonly HashSet<(IOperation, Attachment)> afterDetach = [];

        internal AttachResult Result { get; } = new(graph);

        internal override void OnArgument(IOperation value, ImmutableHashSet<Attachment> values, AttachFlowState state)
        {
            var paths = state.PathsOf(values);
            var key = value.Syntax;
            Result.addresses[key] = Result.addresses.TryGetValue(key, out var old) ? (old.Values.Union(values), old.Paths | paths) : (values, paths);
        }

        internal override void OnAccess(IInvocationOperation access, IOperation address, ImmutableHashSet<Attachment> values, AttachFlowState state)
        {
            foreach (var value in values)
            {
                if (state.PathsOf(value).MayBeDetached() && afterDetach.Add((access, value)))
                {
                    Result.AccessesAfterDetach.Add(new AccessAfterDetach(access, address, value, IsSecondDetach: false));
                }
            }
        }

        internal override void OnDetach(IInvocationOperation call, IOperation address, ImmutableHashSet<Attachment> values, AttachFlowState before)
        {
            foreach (var value in values)
            {
                if (!Result.detaches.TryGetValue(value, out var calls)) Result.detaches[value] = calls = [];
                if (!calls.Contains(call)) calls.Add(call);
                if (before.PathsOf(value).MayBeDetached() && afterDetach.Add((call, value)))
                {
                    Result.AccessesAfterDetach.Add(new AccessAfterDetach(call, address, value, IsSecondDetach: true));
                }
            }
        }

        internal override void OnStoredInMember(ISymbol member, IOperation store, ImmutableHashSet<Attachment> values, AttachFlowState state)
        {
            foreach (var value in values)
            {
                if (value.IsOwnedHere && state.PathsOf(value).MayBeAttached()) Result.MemberStores.Add(new AttachMemberStore(value, member, store));
            }
        }

        internal override void OnExit(AttachExit exit, AttachFlowState state)
        {
            foreach (var pair in state.Paths)
            {
                if (pair.Key.IsOwnedHere && pair.Value.MayBeAttached() && leaked.Add((pair.Key, exit.Location)))
                {
                    Result.Leaks.Add(new AttachLeak(pair.Key, exit));
                }
            }
        }
    }
}
