using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IpcAnalyzers.CodeFixes.Rules;

/// <summary>IPC010: writes the octal value the author meant, as a binary literal or as S_I* constants.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC010NoOctalLiteralsCodeFix)), Shared]
public sealed class IPC010NoOctalLiteralsCodeFix : CodeFixProvider
{
    internal const string BinaryLiteralKey = "IPC010BinaryLiteral";
    internal const string ConstantsKey = "IPC010Constants";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.IPC010NoOctalLiterals.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            // The literal may sit in a const in another file: the analyzer passes it as the additional location.
            if (diagnostic.AdditionalLocations.FirstOrDefault() is not { SourceTree: { } tree } location) continue;
            var document = context.Document.Project.Solution.GetDocument(tree);
            if (document is null) continue;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal) continue;
            var text = literal.Token.Text;
            if (!ModeBits.TryReadOctalLookalike(text, out var meant, out _)) continue;

            var suffix = text.Substring(text.TrimEnd('u', 'U', 'l', 'L').Length);
            var binary = ModeBits.BinaryLiteral(meant) + suffix;
            context.RegisterCodeFix(
                CodeAction.Create($"Write {text} as {binary}", c => ReplaceAsync(document, literal, binary, c), BinaryLiteralKey),
                diagnostic);

            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (ModeBits.ConstantNames(meant).Count == 0 || model is null || !ModeSyntax.ConstantsResolve(model, literal.SpanStart)) continue;
            var constants = ModeSyntax.Text(meant, useConstants: true);
            context.RegisterCodeFix(
                CodeAction.Create($"Write {text} as {constants}", c => ReplaceAsync(document, literal, constants, c), ConstantsKey),
                diagnostic);
        }
    }

    private static async Task<Solution> ReplaceAsync(Document document, LiteralExpressionSyntax literal, string replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(literal.Span, getInnermostNodeForTie: true) is not LiteralExpressionSyntax current) return document.Project.Solution;
        var updated = root.ReplaceNode(current, ModeSyntax.Replacement(current, replacement));
        return document.Project.Solution.WithDocumentSyntaxRoot(document.Id, updated);
    }
}
