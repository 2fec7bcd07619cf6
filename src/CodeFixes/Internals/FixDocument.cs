using System.Threading;
using System.Threading.Tasks;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.CodeFixes.Internals;

/// <summary>What every fixer loads first: the document's root, its semantic model and the IPC symbols; null when any is missing.</summary>
internal sealed class FixDocument
{
    private FixDocument(SyntaxNode root, SemanticModel model, KnownSymbols known)
    {
        Root = root;
        Model = model;
        Known = known;
    }

    internal SyntaxNode Root { get; }

    internal SemanticModel Model { get; }

    internal KnownSymbols Known { get; }

    internal static async Task<FixDocument?> LoadAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || KnownSymbols.Create(model.Compilation) is not { } known) return null;
        return new FixDocument(root, model, known);
    }

    internal void Deconstruct(out SyntaxNode root, out SemanticModel model, out KnownSymbols known)
    {
        root = Root;
        model = Model;
        known = Known;
    }
}
