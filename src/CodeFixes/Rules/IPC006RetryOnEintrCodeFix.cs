using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IpcAnalyzers.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace IpcAnalyzers.CodeFixes.Rules;

/// <summary>
/// IPC006: wraps the call in <c>do { r = call; } while (r == -1 &amp;&amp; errno == EINTR);</c>, keeping the result
/// variable (<c>int r = call;</c> becomes <c>int r;</c> plus the loop). A call inside a condition or another
/// expression is hoisted into a new local just before its statement, when that does not change what runs first.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC006RetryOnEintrCodeFix)), Shared]
public sealed class IPC006RetryOnEintrCodeFix : CodeFixProvider
{
    internal const string Key = "IPC006RetryOnEintr";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.IPC006RetryOnEintr.Id);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || Rewrite(root, model, diagnostic.Location.SourceSpan, context.CancellationToken) is null) return;
        context.RegisterCodeFix(
            CodeAction.Create("Retry while errno == EINTR", async ct =>
            {
                var changed = await ApplyOneAsync(context.Document, diagnostic.Location.SourceSpan, ct).ConfigureAwait(false) ?? context.Document;
                return await AddUsingIfNeededAsync(changed, ct).ConfigureAwait(false);
            }, Key),
            diagnostic);
    }

    private static async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return null;
        var marks = new Dictionary<SyntaxNode, SyntaxAnnotation>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (!marks.ContainsKey(node)) marks[node] = new SyntaxAnnotation();
        }

        var order = marks.Values.ToList();
        var current = document.WithSyntaxRoot(root.ReplaceNodes(marks.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(marks[original])));
        foreach (var mark in order)
        {
            var currentRoot = await current.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (currentRoot?.GetAnnotatedNodes(mark).FirstOrDefault() is not { } node) continue;
            current = await ApplyOneAsync(current, node.Span, context.CancellationToken).ConfigureAwait(false) ?? current;
        }

        return await AddUsingIfNeededAsync(current, context.CancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document?> ApplyOneAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return null;
        return Rewrite(root, model, span, cancellationToken) is { } newRoot ? document.WithSyntaxRoot(newRoot) : null;
    }

    private static SyntaxNode? Rewrite(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
    {
        var call = root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (call?.FirstAncestorOrSelf<StatementSyntax>() is not { } statement || !SyntaxBuilders.CanInsertAfter(statement)) return null;
        switch (statement)
        {
            case LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } declaration
                when variables[0].Initializer?.Value == call:
                {
                    var name = variables[0].Identifier.ValueText;
                    var declared = declaration.WithDeclaration(declaration.Declaration.WithVariables(
                        SyntaxFactory.SingletonSeparatedList(variables[0].WithInitializer(null).WithoutTrailingTrivia())));
                    return SyntaxBuilders.ReplaceStatement(root, statement, [declared, SyntaxBuilders.EintrLoop(name, call)]);
                }

            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } assignment }
                when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right == call:
                return SyntaxBuilders.ReplaceStatement(root, statement, [SyntaxBuilders.EintrLoop(left.Identifier.ValueText, call).WithLeadingTrivia(statement.GetLeadingTrivia())]);
            case IfStatementSyntax or ReturnStatementSyntax or ExpressionStatementSyntax or LocalDeclarationStatementSyntax when IsFirstToRun(call, statement):
                {
                    if (model.GetTypeInfo(call, cancellationToken).Type is not { } type || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method) return null;
                    var name = SyntaxBuilders.ResultName(method.Name, statement, model);
                    var typeName = type.ToMinimalDisplayString(model, statement.SpanStart);
                    var declaration = SyntaxBuilders.Statement($"{typeName} {name};\n").WithLeadingTrivia(statement.GetLeadingTrivia());
                    var loop = SyntaxBuilders.EintrLoop(name, call);
                    var rewritten = statement.ReplaceNode(call, SyntaxFactory.IdentifierName(name).WithTriviaFrom(call));
                    return SyntaxBuilders.ReplaceStatement(root, statement, [declaration, loop, rewritten]);
                }

            default:
                return null;
        }
    }

    /// <summary>Hoisting is safe when nothing between the call and its statement runs conditionally or lazily.</summary>
    private static bool IsFirstToRun(InvocationExpressionSyntax call, StatementSyntax statement)
    {
        for (SyntaxNode? node = call.Parent; node is not null && node != statement; node = node.Parent)
        {
            switch (node)
            {
                case LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or ConditionalExpressionSyntax or SwitchExpressionSyntax:
                    return false;
                case BinaryExpressionSyntax binary when binary.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.CoalesceExpression
                    && !binary.Left.Span.Contains(call.Span):
                    return false;
                case ArgumentListSyntax or InvocationExpressionSyntax:
                    return false;
            }
        }

        return true;
    }

    private static async Task<Document> AddUsingIfNeededAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax unit || model is null) return document;
        var missing = unit.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(n => n.Identifier.ValueText is "errno" or "EINTR")
            .Any(n => model.GetSymbolInfo(n, cancellationToken).Symbol is null);
        return missing ? document.WithSyntaxRoot(SyntaxBuilders.AddLibcUsing(unit)) : document;
    }
}
