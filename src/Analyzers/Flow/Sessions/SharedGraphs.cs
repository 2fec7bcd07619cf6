using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace IpcAnalyzers.Flow.Sessions;

/// <summary>
/// The control-flow graphs the engines' summaries build for helper methods, one per body for the whole session: the
/// attach, semaphore-hold and id summaries of one helper read the same graph instead of building one each. Keyed by
/// the body's root operation, which the semantic model caches; an entry dies with that operation tree.
/// </summary>
internal sealed class SharedGraphs
{
    private readonly ConditionalWeakTable<IOperation, ControlFlowGraph> graphs = new();

    /// <summary>The graph of a method declaration with a body (as <see cref="ControlFlowGraph.Create(SyntaxNode, SemanticModel, CancellationToken)"/>).</summary>
    internal static ControlFlowGraph? Create(SharedGraphs? shared, SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (shared is null || model.GetOperation(declaration, cancellationToken) is not { } root) return ControlFlowGraph.Create(declaration, model, cancellationToken);
        if (shared.graphs.TryGetValue(root, out var known)) return known;
        if (ControlFlowGraph.Create(declaration, model, cancellationToken) is not { } graph) return null;
        // Two threads may build it at once; both then use the one that was stored first.
        return shared.graphs.GetValue(root, _ => graph);
    }
}
