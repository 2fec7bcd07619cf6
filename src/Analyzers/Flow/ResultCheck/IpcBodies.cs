using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>Finds the operation blocks worth a flow analysis: bodies that call the IPC surface or a helper that does.</summary>
internal static class IpcBodies
{
    /// <summary>The graphs of the block's roots that contain an IPC call (or a call of a helper mentioning one).</summary>
    internal static System.Collections.Generic.IEnumerable<ControlFlowGraph> GraphsToAnalyze(OperationBlockAnalysisContext context, MethodSummaries summaries)
    {
        foreach (var root in context.OperationBlocks)
        {
            if (!IsGraphRoot(root) || !ContainsIpcCall(root, summaries, context.CancellationToken)) continue;
            ControlFlowGraph? graph;
            graph = context.GetControlFlowGraph(root);
            if (graph is not null) yield return graph;
        }
    }

    private static bool IsGraphRoot(IOperation root) => root is IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation
        or IFieldInitializerOperation or IPropertyInitializerOperation;

    private static bool ContainsIpcCall(IOperation root, MethodSummaries summaries, CancellationToken cancellationToken)
    {
        foreach (var node in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is IInvocationOperation invocation
                && (IpcCall.TryMatch(invocation, summaries.Known, out _)
                    || !summaries.Get(invocation.TargetMethod, hasTrackedArguments: false, cancellationToken).IsEmpty))
            {
                return true;
            }

            if (node is IPropertyReferenceOperation property && summaries.Known.IsErrnoRead(property)) return true;
        }

        return false;
    }
}
