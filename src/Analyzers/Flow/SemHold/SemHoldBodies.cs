using System.Collections.Generic;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>Finds the operation blocks worth a semaphore-hold analysis: bodies with a semop, or a call of a helper that acquires or releases.</summary>
internal static class SemHoldBodies
{
    internal static IEnumerable<ControlFlowGraph> GraphsToAnalyze(OperationBlockAnalysisContext context, SemHoldSummaries summaries)
    {
        foreach (var root in context.OperationBlocks)
        {
            if (root is not (IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation)) continue;
            if (!TouchesSemaphores(root, summaries, context)) continue;
            if (context.GetControlFlowGraph(root) is { } graph) yield return graph;
        }
    }

    private static bool TouchesSemaphores(IOperation root, SemHoldSummaries summaries, OperationBlockAnalysisContext context)
    {
        foreach (var node in root.DescendantsAndSelf())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case IInvocationOperation invocation when IpcCall.TryMatch(invocation, summaries.Known, out var call):
                    if (call.Function is IpcFunction.semop or IpcFunction.semtimedop) return true;
                    break;
                case IInvocationOperation invocation when ThrowingCalls.Implementation(invocation) is { } target
                    && summaries.Get(target, context.CancellationToken) is { Acquires.IsEmpty: false } or { Releases.IsEmpty: false }:
                    return true;
                case IObjectCreationOperation { Constructor: { } constructor }
                    when summaries.Get(constructor, context.CancellationToken) is { Acquires.IsEmpty: false } or { Releases.IsEmpty: false }:
                    return true;
            }
        }

        return false;
    }
}
