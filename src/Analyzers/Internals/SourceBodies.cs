using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers;

/// <summary>
/// The operations of the compilation's own code outside the block being analysed: a handler or child passed as a
/// method group, a helper that closes a descriptor, a const initialiser in another file. One model per tree.
/// </summary>
internal sealed class SourceBodies
{
    private readonly Compilation compilation;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> models = new();

    internal SourceBodies(Compilation compilation) => this.compilation = compilation;

    /// <summary>The body of a source method or local function (a block or an expression), or null (extern, metadata, abstract).</summary>
    internal IOperation? Body(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var definition = method.OriginalDefinition;
        definition = definition.PartialImplementationPart ?? definition;
        foreach (var reference in definition.DeclaringSyntaxReferences)
        {
            var operation = Operation(reference.GetSyntax(cancellationToken), cancellationToken);
            switch (operation)
            {
                case IMethodBodyOperation body:
                    return (IOperation?)body.BlockBody ?? body.ExpressionBody;
                case ILocalFunctionOperation { Body: { } localBody }:
                    return localBody;
            }
        }

        return null;
    }

    /// <summary>The operation of a node anywhere in the compilation.</summary>
    internal IOperation? Operation(SyntaxNode node, CancellationToken cancellationToken)
        => compilation.ContainsSyntaxTree(node.SyntaxTree) ? Model(node.SyntaxTree).GetOperation(node, cancellationToken) : null;

    internal SemanticModel Model(SyntaxTree tree) => models.GetOrAdd(tree, ModelFor);

#pragma warning disable RS1030 // The code lives in another tree than the block being analysed; one model per tree, cached per compilation.
    private SemanticModel ModelFor(SyntaxTree tree) => compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
}
