using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IpcAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace IpcAnalyzers.CodeFixes.Rules;

/// <summary>
/// IPC014: inserts <c>_ = close(fds[N]);</c> at the start of the child's block body (a block lambda or a method group to
/// a method of the same document), and right after the fork's statement for the parent. The whole fix or nothing.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC014CloseUnusedPipeEndCodeFix)), Shared]
public sealed class IPC014CloseUnusedPipeEndCodeFix : CodeFixProvider
{
    internal const string CloseKey = "IPC014CloseUnusedEnd";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.IPC014CloseUnusedPipeEnd.Id);

    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create((context, document, diagnostics) => FixDocumentAsync(document, diagnostics, context.CancellationToken));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, diagnostic, context.CancellationToken) is not { Count: > 0 } insertions) continue;
            var closes = string.Join(" and ", insertions.SelectMany(i => i.Statements).Select(s => s.ToString().Trim()));
            context.RegisterCodeFix(
                CodeAction.Create($"Close the unused pipe end: {closes}", c => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), c)!, CloseKey),
                diagnostic);
        }
    }

    private static async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return document;
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            foreach (var insertion in Plan(root, model, diagnostic, cancellationToken) ?? [])
            {
                if (insertion.After) editor.InsertAfter(insertion.Anchor, insertion.Statements);
                else editor.InsertBefore(insertion.Anchor, insertion.Statements);
            }
        }

        return editor.GetChangedDocument();
    }

    private sealed class Insertion
    {
        internal Insertion(StatementSyntax anchor, bool after, IReadOnlyList<StatementSyntax> statements)
        {
            Anchor = anchor;
            After = after;
            Statements = statements;
        }

        internal StatementSyntax Anchor { get; }

        internal bool After { get; }

        internal IReadOnlyList<StatementSyntax> Statements { get; }
    }

    /// <summary>Where each close goes; null when some part cannot be placed.</summary>
    private static List<Insertion>? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(IPC014CloseUnusedPipeEndAnalyzer.ArrayProperty, out var array) || string.IsNullOrEmpty(array)) return null;
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax fork) return null;
        var close = model.LookupSymbols(fork.SpanStart, name: "close").Any(s => s is IMethodSymbol { ContainingType.Name: "Libc" }) ? "close" : "IpcSim.Libc.close";
        var insertions = new List<Insertion>();

        if (properties.TryGetValue(IPC014CloseUnusedPipeEndAnalyzer.ChildProperty, out var childEnds) && childEnds is not null)
        {
            if (ChildBlock(fork, model, cancellationToken) is not { Statements.Count: > 0 } block) return null;
            var first = block.Statements[0];
            insertions.Add(new Insertion(first, after: false, Closes(close, array!, childEnds, first)));
        }

        if (properties.TryGetValue(IPC014CloseUnusedPipeEndAnalyzer.ParentProperty, out var parentEnds) && parentEnds is not null)
        {
            if (fork.FirstAncestorOrSelf<StatementSyntax>() is not { Parent: BlockSyntax } statement || statement is ReturnStatementSyntax) return null;
            insertions.Add(new Insertion(statement, after: true, Closes(close, array!, parentEnds, statement)));
        }

        return insertions;
    }

    /// <summary>The child's block body: a block lambda, or a method group to a block-bodied method of this document.</summary>
    private static BlockSyntax? ChildBlock(InvocationExpressionSyntax fork, SemanticModel model, CancellationToken cancellationToken)
    {
        var child = fork.ArgumentList.Arguments.FirstOrDefault()?.Expression;
        if (child is AnonymousFunctionExpressionSyntax { Body: BlockSyntax lambdaBlock }) return lambdaBlock;
        if (child is null || model.GetSymbolInfo(child, cancellationToken).Symbol is not IMethodSymbol method) return null;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == fork.SyntaxTree && reference.GetSyntax(cancellationToken) is BaseMethodDeclarationSyntax { Body: { } body }) return body;
            if (reference.SyntaxTree == fork.SyntaxTree && reference.GetSyntax(cancellationToken) is LocalFunctionStatementSyntax { Body: { } localBody }) return localBody;
        }

        return null;
    }

    /// <summary><c>_ = close(fds[1]);</c> for each end, indented like <paramref name="neighbour"/>.</summary>
    private static IReadOnlyList<StatementSyntax> Closes(string close, string array, string ends, StatementSyntax neighbour)
    {
        var indentation = neighbour.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var leading = indentation.IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(indentation) : SyntaxFactory.TriviaList();
        var newline = neighbour.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (!newline.IsKind(SyntaxKind.EndOfLineTrivia)) newline = SyntaxFactory.LineFeed;
        return ends.Split(',')
            .Select(end => (StatementSyntax)SyntaxFactory.ParseStatement($"_ = {close}({array}[{end}]);")
                .WithLeadingTrivia(leading)
                .WithTrailingTrivia(newline))
            .ToList();
    }
}
