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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.CodeFixes.Rules;

/// <summary>
/// IPC004: when the id is a local of the method, removes the object in a finally that covers the id's use, from
/// after the creation's failure check to the last statement that needs the id:
/// <c>try { … } finally { _ = msgctl(id, IPC_RMID, null); }</c>, or with the result checked:
/// <c>if (msgctl(id, IPC_RMID, null) == -1) perror("msgctl");</c>. A removal the method already makes as a
/// statement moves into the finally. No fix when the id lives in a field (the removal belongs in Dispose), in
/// top-level statements or an expression body, or when an existing removal is part of a larger expression.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC004RemoveWhatYouCreateCodeFix)), Shared]
public sealed class IPC004RemoveWhatYouCreateCodeFix : CodeFixProvider
{
    internal const string DiscardKey = "IPC004RemoveInFinally";
    internal const string CheckedKey = "IPC004RemoveInFinallyChecked";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.IPC004RemoveWhatYouCreate.Id);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        var site = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (Plan(site, model, diagnostic, context.CancellationToken) is not { } plan) return;
        var what = $"{plan.Function}({plan.Id.ValueText}, IPC_RMID) in a finally";
        context.RegisterCodeFix(
            CodeAction.Create($"Remove it with {what}", ct => ApplyAsync(context.Document, diagnostic, @checked: false, ct), DiscardKey),
            diagnostic);
        context.RegisterCodeFix(
            CodeAction.Create($"Remove it with {what}, reporting a failure with perror", ct => ApplyAsync(context.Document, diagnostic, @checked: true, ct), CheckedKey),
            diagnostic);
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, bool @checked, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var mark = new SyntaxAnnotation();
        var site = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var marked = document.WithSyntaxRoot(root.ReplaceNode(site, site.WithAdditionalAnnotations(mark)));
        return await ApplyOneAsync(marked, mark, diagnostic, @checked, cancellationToken).ConfigureAwait(false) ?? document;
    }

    /// <summary>
    /// Marks every creating call first, then fixes them from the last to the first: a fix only rewrites the
    /// statements after its own creation, so the ones before it stay where they were.
    /// </summary>
    private static async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var @checked = context.CodeActionEquivalenceKey == CheckedKey;
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
        for (var i = marks.Count - 1; i >= 0; i--)
        {
            current = await ApplyOneAsync(current, marks[i].Mark, marks[i].Diagnostic, @checked, context.CancellationToken).ConfigureAwait(false) ?? current;
        }

        return current;
    }

    private static async Task<Document?> ApplyOneAsync(Document document, SyntaxAnnotation mark, Diagnostic diagnostic, bool @checked, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return null;
        var site = root.GetAnnotatedNodes(mark).FirstOrDefault();
        if (site is null || Plan(site, model, diagnostic, cancellationToken) is not { } plan) return null;

        var statements = plan.Block.Statements;
        var removal = RemovalStatement(plan, @checked).WithAdditionalAnnotations(Formatter.Annotation);
        var moved = new List<StatementSyntax>();
        for (var i = plan.First; i <= plan.Last; i++)
        {
            if (!plan.ExistingRemovals.Contains(statements[i])) moved.Add(statements[i]);
        }

        StatementSyntax replacement = moved.Count == 0
            ? removal
            : SyntaxFactory.TryStatement(
                    SyntaxFactory.Block(moved),
                    default,
                    SyntaxFactory.FinallyClause(SyntaxFactory.Block(removal)))
                .WithAdditionalAnnotations(Formatter.Annotation);
        var before = statements.Take(plan.First);
        var after = statements.Skip(plan.Last + 1).ToList();
        if (after.Count > 0 && moved.Count > 0)
        {
            // A blank line after the try, as the house style puts one after every block.
            after[0] = after[0].WithLeadingTrivia(after[0].GetLeadingTrivia().Insert(0, SyntaxFactory.ElasticCarriageReturnLineFeed));
        }

        var newBlock = plan.Block.WithStatements(SyntaxFactory.List(before.Append(replacement).Concat(after)));
        var changed = document.WithSyntaxRoot(root.ReplaceNode(plan.Block, newBlock));
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static StatementSyntax RemovalStatement(FixPlan plan, bool @checked)
    {
        var id = plan.Id.ValueText;
        var call = plan.Function == "semctl"
            ? $"{plan.Prefix}semctl({id}, 0, {plan.Prefix}IPC_RMID)"
            : $"{plan.Prefix}{plan.Function}({id}, {plan.Prefix}IPC_RMID, null)";
        var text = @checked
            ? $"if ({call} == -1) {plan.Prefix}perror(\"{plan.Function}\");"
            : $"_ = {call};";
        return SyntaxFactory.ParseStatement(text).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
    }

    /// <summary>Everything the fix needs, or null when one of its preconditions does not hold.</summary>
    private static FixPlan? Plan(SyntaxNode site, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(IPC004Properties.Remove, out var function) || function is null) return null;
        if (site is ArgumentSyntax argument) site = argument.Expression;
        if (site is not InvocationExpressionSyntax invocation) return null;

        // int id = <creation>; directly in a block of statements.
        if (invocation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || declaration.Parent is not LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, IsConst: false } statement
            || statement.Parent is not BlockSyntax block
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
        {
            return null;
        }

        var statements = block.Statements;
        var index = statements.IndexOf(statement);
        var first = index + 1;
        if (first < statements.Count && IsFailureCheck(statements[first], local, model, cancellationToken)) first++;

        var removals = ExistingRemovals(block, local, model, cancellationToken, out var allRemovable);
        if (!allRemovable) return null;
        var last = LastUse(statements, first, local, model, cancellationToken);
        if (last < first)
        {
            last = first - 1;
        }

        if (statements.Skip(first).Take(last - first + 1).Any(s => s.DescendantNodesAndSelf().Any(n => n is LabeledStatementSyntax or GotoStatementSyntax)))
        {
            return null;
        }

        if (Prefix(model, invocation, function, cancellationToken) is not { } prefix) return null;
        return new FixPlan(block, declarator.Identifier, function, prefix, first, last, removals);
    }

    /// <summary>`if (id == -1) return/throw/exit…;` right after the declaration: the try starts after it.</summary>
    private static bool IsFailureCheck(StatementSyntax statement, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
        => statement is IfStatementSyntax { Else: null } check
           && References(check.Condition, local, model, cancellationToken)
           && !check.Condition.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(i => References(i, local, model, cancellationToken));

    /// <summary>
    /// The last statement from <paramref name="first"/> on that uses the id, extended until no local declared in
    /// the range is used after it (moving a declaration into the try must not hide it from later statements).
    /// </summary>
    private static int LastUse(SyntaxList<StatementSyntax> statements, int first, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
    {
        var last = first - 1;
        for (var i = first; i < statements.Count; i++)
        {
            if (References(statements[i], local, model, cancellationToken)) last = i;
        }

        if (last < first) return last;
        var changed = true;
        while (changed)
        {
            changed = false;
            var declared = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            for (var i = first; i <= last; i++)
            {
                foreach (var node in statements[i].DescendantNodesAndSelf())
                {
                    if (node is VariableDeclaratorSyntax or SingleVariableDesignationSyntax or LocalFunctionStatementSyntax
                        && model.GetDeclaredSymbol(node, cancellationToken) is { } symbol)
                    {
                        declared.Add(symbol);
                    }
                }
            }

            for (var i = last + 1; i < statements.Count; i++)
            {
                if (declared.Any(symbol => References(statements[i], symbol, model, cancellationToken)))
                {
                    last = i;
                    changed = true;
                }
            }
        }

        return last;
    }

    /// <summary>
    /// The method's own removals of the id (a path-based leak): each must be a statement of the block that the
    /// finally can replace, `ctl(id, IPC_RMID…);`, `_ = ctl(…);` or `if (ctl(…) == -1) report;`.
    /// </summary>
    private static ImmutableHashSet<StatementSyntax> ExistingRemovals(
        BlockSyntax block, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken, out bool allRemovable)
    {
        allRemovable = true;
        var result = ImmutableHashSet<StatementSyntax>.Empty;
        foreach (var call in block.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetOperation(call, cancellationToken) is not IInvocationOperation operation || !IsRemovalOf(operation, local)) continue;
            var statement = call.Parent switch
            {
                ExpressionStatementSyntax s => s,
                AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Parent: ExpressionStatementSyntax s } => s,
                BinaryExpressionSyntax { Parent: IfStatementSyntax { Else: null } s } => (StatementSyntax)s,
                _ => null,
            };
            if (statement?.Parent != block)
            {
                allRemovable = false;
                continue;
            }

            result = result.Add(statement);
        }

        return result;
    }

    private static bool IsRemovalOf(IInvocationOperation operation, ILocalSymbol local)
    {
        if (operation.TargetMethod.Name is not ("shmctl" or "semctl" or "msgctl")) return false;
        var cmd = operation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "cmd")?.Value;
        var id = operation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value.WithoutConversions();
        return cmd?.ConstantValue is { HasValue: true, Value: 0 }
            && id is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
    }

    private static bool References(SyntaxNode node, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
        => node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == symbol.Name
            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, symbol));

    /// <summary>How the removal is spelled where the creation is: `msgctl` under `using static IpcSim.Libc`, else `Libc.msgctl`.</summary>
    private static string? Prefix(SemanticModel model, InvocationExpressionSyntax creation, string function, CancellationToken cancellationToken)
    {
        var position = creation.SpanStart;
        bool Visible(string name) => model.LookupSymbols(position, name: name).Any(s => s.ContainingType?.Name == "Libc");
        if (Visible(function) && Visible("IPC_RMID") && Visible("perror")) return "";
        if (creation.Expression is MemberAccessExpressionSyntax { Expression: { } receiver }
            && model.GetSymbolInfo(receiver, cancellationToken).Symbol is INamedTypeSymbol { Name: "Libc" })
        {
            return receiver.ToString() + ".";
        }

        return model.Compilation.GetTypeByMetadataName("IpcSim.Libc") is null ? null : "global::IpcSim.Libc.";
    }

    private sealed record FixPlan(
        BlockSyntax Block,
        SyntaxToken Id,
        string Function,
        string Prefix,
        int First,
        int Last,
        ImmutableHashSet<StatementSyntax> ExistingRemovals);
}
