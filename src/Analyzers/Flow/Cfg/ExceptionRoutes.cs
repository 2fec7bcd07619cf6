using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace IpcAnalyzers.Flow.Cfg;

/// <summary>Where an exception raised in a block goes on its way out of the block's own graph.</summary>
internal static class ExceptionRoutes
{
    /// <summary>
    /// The try/catch and try/finally regions whose try encloses <paramref name="block"/>, innermost first, within the
    /// block's own graph. The walk stops at the graph's root: the regions of a lambda's or local function's graph are
    /// nested in those of the graph that declares it, but an exception raised when the delegate runs does not pass
    /// through the declaring method's try (the delegate may run long after it, in another process after fork).
    /// </summary>
    internal static IEnumerable<ControlFlowRegion> EnclosingTryRegions(this BasicBlock block)
    {
        for (var region = block.EnclosingRegion; region is not null && region.Kind != ControlFlowRegionKind.Root; region = region.EnclosingRegion)
        {
            if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion is not { } parent) continue;
            if (parent.Kind is ControlFlowRegionKind.TryAndCatch or ControlFlowRegionKind.TryAndFinally) yield return parent;
        }
    }
}
