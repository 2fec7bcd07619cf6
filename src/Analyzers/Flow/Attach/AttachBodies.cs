using System.Collections.Generic;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>The entry point for rules: which bodies of an operation block to analyse, and the analysis of each with its owner's members seeded.</summary>
internal static class AttachBodies
{
    /// <summary>
    /// Analyses every root of the block that attaches or detaches (shmat, shmdt, a helper summarised as doing so, or
    /// a member of its type that holds an attachment), with each lambda and local function as an owner of its own.
    /// </summary>
    internal static void Analyze(OperationBlockAnalysisContext context, AttachSummaries summaries, System.Action<AttachResult> onResult)
    {
        var type = context.OwningSymbol.ContainingType;
        var members = type is null ? null : summaries.MembersHoldingAttachments(type, context.CancellationToken);
        foreach (var root in context.OperationBlocks)
        {
            if (!IsGraphRoot(root) || !Mentions(root, summaries, members, context.CancellationToken)) continue;
            if (context.GetControlFlowGraph(root) is not { } graph) continue;
            AttachAnalysis.AnalyzeBody(summaries, graph, members, onResult, context.CancellationToken);
        }
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
