using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace IpcAnalyzers.CodeFixes.Rules;

/// <summary>
/// IPC015: adds SEM_UNDO to the sem_flg of the P and of the V's that release it (the diagnostic's additional
/// locations), so that the kernel's undo adjustments balance: <c>new Sembuf(0, -1, 0)</c> becomes
/// <c>new Sembuf(0, -1, SEM_UNDO)</c>, <c>IPC_NOWAIT</c> becomes <c>IPC_NOWAIT | SEM_UNDO</c>, an initialiser
/// without sem_flg gets <c>sem_flg = SEM_UNDO</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC015UseSemUndoOnLockCodeFix))]
[Shared]
public sealed class IPC015UseSemUndoOnLockCodeFix : CodeFixProvider
{
    internal const string EquivalenceKey = "IPC015.AddSemUndo";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("IPC015");

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var sites = diagnostics.SelectMany(d => FlagSites(root, d)).Distinct().ToList();
        return sites.Count == 0 ? document : await AddSemUndoAsync(document, sites, context.CancellationToken).ConfigureAwait(false);
    });

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var sites = FlagSites(root, diagnostic).ToList();
            if (sites.Count == 0) continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add SEM_UNDO to the sem_flg of the P and its V",
                    cancellationToken => AddSemUndoAsync(context.Document, sites, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The sem_flg sites in this document that the fix knows how to change.</summary>
    private static IEnumerable<SyntaxNode> FlagSites(SyntaxNode root, Diagnostic diagnostic)
    {
        foreach (var location in diagnostic.AdditionalLocations)
        {
            if (location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(location.SourceSpan)) continue;
            var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            var site = node.AncestorsAndSelf().FirstOrDefault(n => n.Span == location.SourceSpan) ?? node;
            switch (site)
            {
                case ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 3 }:
                case InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression }:
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression }:
                    yield return site;
                    break;
            }
        }
    }

    private static async Task<Document> AddSemUndoAsync(Document document, IReadOnlyList<SyntaxNode> sites, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var site in sites)
        {
            var semUndo = SemUndo(model, site.SpanStart);
            switch (site)
            {
                case ObjectCreationExpressionSyntax creation:
                    {
                        var flags = FlagsArgument(creation);
                        editor.ReplaceNode(flags.Expression, WithSemUndo(model, flags.Expression, semUndo, cancellationToken).WithTriviaFrom(flags.Expression));
                        break;
                    }

                case InitializerExpressionSyntax initializer:
                    {
                        var added = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("sem_flg"), semUndo);
                        editor.ReplaceNode(initializer, initializer.AddExpressions(added));
                        break;
                    }

                case AssignmentExpressionSyntax assignment:
                    editor.ReplaceNode(assignment.Right, WithSemUndo(model, assignment.Right, semUndo, cancellationToken).WithTriviaFrom(assignment.Right));
                    break;
            }
        }

        return editor.GetChangedDocument();
    }

    /// <summary>The flg argument: by name when named, else the third.</summary>
    private static ArgumentSyntax FlagsArgument(ObjectCreationExpressionSyntax creation)
    {
        var arguments = creation.ArgumentList!.Arguments;
        return arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "flg") ?? arguments[2];
    }

    /// <summary>0 becomes SEM_UNDO; anything else gets "| SEM_UNDO".</summary>
    private static ExpressionSyntax WithSemUndo(SemanticModel? model, ExpressionSyntax flags, ExpressionSyntax semUndo, CancellationToken cancellationToken)
    {
        if (model?.GetConstantValue(flags, cancellationToken) is { HasValue: true, Value: var value } && System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return semUndo;
        }

        var left = flags.WithoutTrivia();
        if (left is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or LiteralExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.BitwiseOrExpression } or ParenthesizedExpressionSyntax))
        {
            left = SyntaxFactory.ParenthesizedExpression(left);
        }

        return SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseOrExpression, left, semUndo);
    }

    /// <summary>SEM_UNDO as the code at <paramref name="position"/> can name it: SEM_UNDO, Libc.SEM_UNDO, IpcSim.Libc.SEM_UNDO or 0x1000.</summary>
    private static ExpressionSyntax SemUndo(SemanticModel? model, int position)
    {
        foreach (var text in new[] { "SEM_UNDO", "Libc.SEM_UNDO", "IpcSim.Libc.SEM_UNDO", "global::IpcSim.Libc.SEM_UNDO" })
        {
            var candidate = SyntaxFactory.ParseExpression(text);
            if (model?.GetSpeculativeSymbolInfo(position, candidate, SpeculativeBindingOption.BindAsExpression).Symbol is IFieldSymbol
                {
                    Name: "SEM_UNDO",
                    ContainingType: { Name: "Libc", ContainingNamespace.Name: "IpcSim" },
                })
            {
                return candidate;
            }
        }

        return SyntaxFactory.ParseExpression("0x1000 /* SEM_UNDO */");
    }
}
