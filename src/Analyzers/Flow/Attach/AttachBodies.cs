using System.Collections.Generic;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Sessions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>
/// The entry point for rules: which bodies of an operation block to analyse, and the analysis of each with its owner's
/// members seeded. One instance per compilation (<see cref="For"/>), shared by IPC003 and IPC007: one set of
/// summaries, and each body analysed once, by whichever of them gets there first.
/// </summary>
internal sealed class AttachBodies
{
    private readonly BodyCache<IReadOnlyList<AttachResult>> results = new();
    private readonly CallPrefilter prefilter;

    private AttachBodies(FlowSession session)
    {
        Summaries = new AttachSummaries(session.ResultSummaries) { Graphs = session.Graphs };
        prefilter = session.SurfaceCalls;
    }

    internal AttachSummaries Summaries { get; }

    /// <summary>The compilation's instance, or null when it has no IPC surface.</summary>
    internal static AttachBodies? For(Compilation compilation)
    {
        var session = FlowSession.For(compilation);
        return session.Known is null ? null : session.Shared(static s => new AttachBodies(s));
    }

    /// <summary>
    /// The results of every root of the block that attaches or detaches (shmat, shmdt, a helper summarised as doing so,
    /// or a member of its type that holds an attachment), with each lambda and local function as an owner of its own.
    /// </summary>
    internal IEnumerable<AttachResult> ResultsFor(OperationBlockAnalysisContext context)
    {
        foreach (var root in context.OperationBlocks)
        {
            if (!IsGraphRoot(root)) continue;
            foreach (var result in results.GetOrCompute(root, r => Compute(context, r))) yield return result;
        }
    }

    private IReadOnlyList<AttachResult> Compute(OperationBlockAnalysisContext context, IOperation root)
    {
        // An address is attached, detached or reported only through a call: a body whose calls cannot reach the
        // surface has nothing to say (the syntax test is only ever trusted for "no").
        if (!prefilter.MayCallSurface(root.Syntax, context.CancellationToken)) return [];
        // Which members hold an attachment is worked out per type, by analysing its methods: only worth it for a
        // body that reads or writes an address-typed field or property.
        var type = context.OwningSymbol.ContainingType;
        var members = type is null || !ReferencesAddressMember(root) ? null : Summaries.MembersHoldingAttachments(type, context.CancellationToken);
        if (!Mentions(root, Summaries, members, context.CancellationToken) || context.GetControlFlowGraph(root) is not { } graph) return [];
        var found = new List<AttachResult>();
        AttachAnalysis.AnalyzeBody(Summaries, graph, members, found.Add, context.CancellationToken);
        return found;
    }

    private static bool ReferencesAddressMember(IOperation root)
    {
        foreach (var node in root.DescendantsAndSelf())
        {
            if (node is IFieldReferenceOperation { Field.Type: { } fieldType } && AttachSummaries.IsAddressType(fieldType)) return true;
            if (node is IPropertyReferenceOperation { Property.Type: { } propertyType } && AttachSummaries.IsAddressType(propertyType)) return true;
        }

        return false;
    }

    private static bool IsGraphRoot(IOperation root) => root is IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation
        or IFieldInitializerOperation or IPropertyInitializerOperation;

    private static bool Mentions(IOperation root, AttachSummaries summaries, ICollection<ISymbol>? members, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var node in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case IInvocationOperation invocation when IpcCall.TryMatch(invocation, summaries.Known, out var call):
                    if (call.Function is IpcFunction.shmat or IpcFunction.shmdt) return true;
                    break;
                case IInvocationOperation invocation:
                    if (summaries.Get(invocation.TargetMethod, hasTrackedArguments: false, cancellationToken) is { } summary && summary.AttachesOrDetaches) return true;
                    break;
                case IMemberReferenceOperation member when members is { Count: > 0 } && members.Contains(member.Member.OriginalDefinition):
                    return true;
            }
        }

        return false;
    }
}
