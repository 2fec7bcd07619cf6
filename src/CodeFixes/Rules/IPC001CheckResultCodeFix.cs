using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IpcAnalyzers.CodeFixes.Internals;
using IpcAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace IpcAnalyzers.CodeFixes.Rules;

/// <summary>
/// IPC001: inserts the check after the statement that stores the result (giving a discarded result a local first):
/// <c>if (r == -1) { perror("f"); return -1; }</c> (or <c>return false</c>, <c>return;</c>) where the enclosing
/// function returns int, long, bool or void, and a throw of InvalidOperationException carrying strerror(errno).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC001CheckResultCodeFix)), Shared]
public sealed class IPC001CheckResultCodeFix : CodeFixProvider
{
    internal const string ReturnKey = "IPC001ReturnOnFailure";
    internal const string ThrowKey = "IPC001ThrowOnFailure";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.IPC001CheckResult.Id);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        var plan = Plan(root, model, diagnostic, context.CancellationToken);
        if (plan is null) return;
        var function = plan.Function;
        if (plan.ReturnStatement is not null)
        {
            context.RegisterCodeFix(
                CodeAction.Create(plan.ReturnValueText == "early" ? $"Return early when {function} fails" : $"Return {plan.ReturnValueText} when {function} fails", ct => ApplyAsync(context.Document, diagnostic, useReturn: true, ct), ReturnKey),
                diagnostic);
        }

        context.RegisterCodeFix(
            CodeAction.Create($"Throw when {function} fails", ct => ApplyAsync(context.Document, diagnostic, useReturn: false, ct), ThrowKey),
            diagnostic);
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, bool useReturn, CancellationToken cancellationToken)
    {
        var changed = await ApplyOneAsync(document, diagnostic.Location.SourceSpan, diagnostic, useReturn, cancellationToken).ConfigureAwait(false);
        return await AddUsingIfNeededAsync(changed ?? document, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fixes one diagnostic at a time, in document order, so that each new name sees the ones before it. Each call is
    /// marked with an annotation first and found again by it, since every fix moves the text after it.
    /// </summary>
    private static async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var useReturn = context.CodeActionEquivalenceKey == ReturnKey;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return null;
        var marks = new List<(SyntaxAnnotation Mark, Diagnostic Diagnostic)>();
        var nodes = new Dictionary<SyntaxNode, SyntaxAnnotation>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (nodes.ContainsKey(node)) continue;
            var mark = new SyntaxAnnotation();
            nodes[node] = mark;
            marks.Add((mark, diagnostic));
        }

        var current = document.WithSyntaxRoot(root.ReplaceNodes(nodes.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(nodes[original])));
        foreach (var (mark, diagnostic) in marks)
        {
            var currentRoot = await current.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var node = currentRoot?.GetAnnotatedNodes(mark).FirstOrDefault();
            if (node is null) continue;
            current = await ApplyOneAsync(current, node.Span, diagnostic, useReturn, context.CancellationToken).ConfigureAwait(false) ?? current;
        }

        return await AddUsingIfNeededAsync(current, context.CancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document?> ApplyOneAsync(Document document, TextSpan span, Diagnostic diagnostic, bool useReturn, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return null;
        var plan = Plan(root, model, diagnostic, cancellationToken, span);
        if (plan is null) return null;
        var check = useReturn && plan.ReturnStatement is { } returnStatement
            ? SyntaxBuilders.ReturnOnFailure(plan.Variable, plan.Function, returnStatement)
            : SyntaxBuilders.ThrowOnFailure(plan.Variable, plan.Function, SyntaxBuilders.ExceptionType(model, plan.Statement.SpanStart));
        var stored = plan.Replacement ?? plan.Statement;
        var newRoot = SyntaxBuilders.ReplaceStatement(root, plan.Statement, [stored, check]);
        return document.WithSyntaxRoot(newRoot);
    }

    private static async Task<Document> AddUsingIfNeededAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax unit || model is null) return document;
        var uses = unit.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(n => n.Identifier.ValueText is "perror" or "strerror" or "errno" or "EINTR")
            .Any(n => model.GetSymbolInfo(n, cancellationToken).Symbol is null);
        return uses ? document.WithSyntaxRoot(SyntaxBuilders.AddLibcUsing(unit)) : document;
    }

    /// <summary>Where the check goes and what it says; null when the call is not in a statement we can follow.</summary>
    private static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken, TextSpan? at = null)
    {
        if (model.Compilation.GetTypeByMetadataName(SyntaxBuilders.LibcUsing) is null) return null;
        var node = root.FindNode(at ?? diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var call = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (call is null || call.FirstAncestorOrSelf<StatementSyntax>() is not { } statement || !SyntaxBuilders.CanInsertAfter(statement)) return null;
        diagnostic.Properties.TryGetValue(IPC001Properties.Function, out var functionName);
        var function = functionName ?? "call";
        string variable;
        StatementSyntax? replacement = null;
        switch (statement)
        {
            case ExpressionStatementSyntax expression when expression.Expression == call:
                {
                    if (model.GetTypeInfo(call, cancellationToken).Type is not { } type) return null;
                    variable = SyntaxBuilders.ResultName(function, statement, model);
                    var typeName = type.ToMinimalDisplayString(model, statement.SpanStart);
                    replacement = SyntaxFactory.ParseStatement($"{typeName} {variable} = {call.WithoutTrivia().ToFullString()};")
                        .WithTriviaFrom(statement);
                    break;
                }

            case LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables }
                when variables[0].Initializer?.Value is { } value && Unwrap(value) == call:
                variable = variables[0].Identifier.ValueText;
                break;
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } assignment }
                when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && Unwrap(assignment.Right) == call:
                variable = left.Identifier.ValueText;
                break;
            default:
                return null;
        }

        var (returnStatement, returnValue) = ReturnFor(model, statement, cancellationToken);
        return new FixPlan(statement, replacement, variable, function, returnStatement, returnValue);
    }

    private static SyntaxNode Unwrap(ExpressionSyntax expression) => expression switch
    {
        CastExpressionSyntax cast => Unwrap(cast.Expression),
        ParenthesizedExpressionSyntax parenthesized => Unwrap(parenthesized.Expression),
        _ => expression,
    };

    /// <summary>The early return that fits the enclosing function: -1 for a status, false for bool, nothing for void.</summary>
    private static (string? Statement, string? Value) ReturnFor(SemanticModel model, StatementSyntax statement, CancellationToken cancellationToken)
    {
        if (model.GetEnclosingSymbol(statement.SpanStart, cancellationToken) is not IMethodSymbol method || method.IsAsync) return (null, null);
        if (method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor) return (null, null);
        return method.ReturnType.SpecialType switch
        {
            SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_IntPtr => ("return -1;", "-1"),
            SpecialType.System_Boolean => ("return false;", "false"),
            SpecialType.System_Void => ("return;", "early"),
            _ => (null, null),
        };
    }

    private sealed record FixPlan(StatementSyntax Statement, StatementSyntax? Replacement, string Variable, string Function, string? ReturnStatement, string? ReturnValueText);
}
