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

namespace IpcAnalyzers.CodeFixes.Rules;

/// <summary>
/// IPC003: wraps the statements from after the failure check to the last use of the address in
/// <c>try { … } finally { _ = shmdt(addr); }</c> (or <c>if (shmdt(addr) == -1) perror("shmdt");</c>), and removes a
/// trailing shmdt statement that the finally makes redundant. Offered when the address is a local declared (or
/// assigned) by a statement of a block, no exit lies between it and the region, and a trailing shmdt's result is not
/// used (<c>return shmdt(addr);</c> would lose its value). Fix All applies the fixes one after the other.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC003DetachWhatYouAttachCodeFix)), Shared]
public sealed class IPC003DetachWhatYouAttachCodeFix : CodeFixProvider
{
    internal const string DiscardKey = "IPC003DetachInFinally";
    internal const string PerrorKey = "IPC003DetachInFinallyWithPerror";
    private const string TargetKind = "IPC003Target";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.IPC003DetachWhatYouAttach.Id);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return null;
        var targets = diagnostics.Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true)).Where(n => n is not null).ToArray();
        var marks = targets.Select((_, i) => new SyntaxAnnotation(TargetKind, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var current = document.WithSyntaxRoot(root.ReplaceNodes(targets, (original, n) => n.WithAdditionalAnnotations(marks[System.Array.IndexOf(targets, original)])));
        var withPerror = context.CodeActionEquivalenceKey == PerrorKey;
        foreach (var mark in marks)
        {
            // One fix at a time, on the tree the previous ones left: nested regions (two attaches in a block) compose.
            var currentRoot = await current.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await current.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var next = currentRoot?.GetAnnotatedNodes(mark).FirstOrDefault();
            if (currentRoot is null || model is null || next is null) continue;
            if (Plan.Create(next, model, context.CancellationToken) is { } plan) current = current.WithSyntaxRoot(plan.Apply(currentRoot, withPerror, model));
        }

        return current;
    });

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(IPC003Properties.Kind, out var kind) || kind != IPC003Properties.Leak) return;
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (Plan.Create(node, model, context.CancellationToken) is not { } plan) return;
        var name = plan.Local.Name;
        context.RegisterCodeFix(
            CodeAction.Create($"Detach '{name}' in a finally: _ = shmdt({name})", _ => Task.FromResult(context.Document.WithSyntaxRoot(plan.Apply(root, false, model))), DiscardKey),
            diagnostic);
        context.RegisterCodeFix(
            CodeAction.Create($"Detach '{name}' in a finally: if (shmdt({name}) == -1) perror(\"shmdt\")", _ => Task.FromResult(context.Document.WithSyntaxRoot(plan.Apply(root, true, model))), PerrorKey),
            diagnostic);
    }

    /// <summary>What the fix will do: which statements of which block go into the try, and which trailing shmdt goes.</summary>
    private sealed class Plan
    {
        private Plan(BlockSyntax block, ILocalSymbol local, int first, int last, StatementSyntax? trailingDetach, ExpressionSyntax? shmdtName)
        {
            Block = block;
            Local = local;
            First = first;
            Last = last;
            TrailingDetach = trailingDetach;
            ShmdtName = shmdtName;
        }

        internal BlockSyntax Block { get; }

        internal ILocalSymbol Local { get; }

        private int First { get; }

        private int Last { get; }

        private StatementSyntax? TrailingDetach { get; }

        /// <summary>How the trailing shmdt named the function (<c>shmdt</c>, <c>Libc.shmdt</c>), to write the same.</summary>
        private ExpressionSyntax? ShmdtName { get; }

        internal static Plan? Create(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            if (node is ArgumentSyntax argument) node = argument.Expression;
            if (node is not InvocationExpressionSyntax invocation) return null;
            var statement = invocation.Parent switch
            {
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax declaration } } } => (StatementSyntax)declaration,
                AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax assignment } => assignment,
                _ => null,
            };
            var local = invocation.Parent switch
            {
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => model.GetDeclaredSymbol(declarator, cancellationToken) as ILocalSymbol,
                AssignmentExpressionSyntax assign => model.GetSymbolInfo(assign.Left, cancellationToken).Symbol as ILocalSymbol,
                _ => null,
            };
            if (statement?.Parent is not BlockSyntax block || local is null) return null;
            var statements = block.Statements;
            var index = statements.IndexOf(statement);
            var first = index + 1;
            if (first < statements.Count && statements[first] is IfStatementSyntax check && Uses(check.Condition, local, model, cancellationToken)) first++;
            var last = -1;
            for (var i = first; i < statements.Count; i++)
            {
                if (Uses(statements[i], local, model, cancellationToken)) last = i;
            }

            if (last < first) return null;
            StatementSyntax? trailing = null;
            ExpressionSyntax? shmdtName = null;
            if (IsDetachStatement(statements[last], local, model, cancellationToken, out shmdtName))
            {
                trailing = statements[last];
                last = PreviousUse(statements, first, last, local, model, cancellationToken);
            }
            else if (DetachesInReturn(statements[last], local, model, cancellationToken))
            {
                return null;
            }

            // Locals declared inside the region and used after it come along.
            for (var changed = true; changed;)
            {
                changed = false;
                for (var i = first; i <= last && i < statements.Count; i++)
                {
                    if (statements[i] is not LocalDeclarationStatementSyntax declared) continue;
                    foreach (var variable in declared.Declaration.Variables)
                    {
                        if (model.GetDeclaredSymbol(variable, cancellationToken) is not ILocalSymbol inner) continue;
                        for (var j = statements.Count - 1; j > last; j--)
                        {
                            if (statements[j] == trailing || !Uses(statements[j], inner, model, cancellationToken)) continue;
                            last = j;
                            changed = true;
                            break;
                        }
                    }
                }
            }

            if (last < first) return null;
            // An exit between the attach and the region would still leak.
            for (var i = index + 1; i < first; i++)
            {
                if (statements[i] is not IfStatementSyntax && ContainsExit(statements[i])) return null;
            }

            return new Plan(block, local, first, last, trailing, shmdtName);
        }

        internal SyntaxNode Apply(SyntaxNode root, bool withPerror, SemanticModel model)
        {
            var statements = Block.Statements;
            var shmdt = (ShmdtName ?? Qualified("shmdt", model)).ToString();
            var call = $"{shmdt}({Local.Name})";
            var detach = SyntaxFactory.ParseStatement(withPerror ? $"if ({call} == -1) {Qualified("perror", model)}(\"shmdt\");" : $"_ = {call};");
            var region = new List<StatementSyntax>();
            for (var i = First; i <= Last; i++)
            {
                if (statements[i] != TrailingDetach) region.Add(statements[i]);
            }

            // Comments and blank lines before the region now stand before the try.
            var leading = statements[First].GetLeadingTrivia();
            region[0] = region[0].WithLeadingTrivia(SyntaxFactory.ElasticMarker);
            var tryStatement = SyntaxFactory.TryStatement(SyntaxFactory.Block(region), default, SyntaxFactory.FinallyClause(SyntaxFactory.Block(detach)))
                .WithLeadingTrivia(leading)
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
                .WithAdditionalAnnotations(Formatter.Annotation);
            var rebuilt = new List<StatementSyntax>();
            for (var i = 0; i < statements.Count; i++)
            {
                if (i == First) rebuilt.Add(tryStatement);
                if ((i >= First && i <= Last) || statements[i] == TrailingDetach) continue;
                rebuilt.Add(statements[i]);
            }

            return root.ReplaceNode(Block, Block.WithStatements(SyntaxFactory.List(rebuilt)));
        }

        /// <summary>The function's simple name when it binds to IpcSim.Libc here (<c>using static</c>), else its full name.</summary>
        private ExpressionSyntax Qualified(string function, SemanticModel model)
        {
            var simple = SyntaxFactory.IdentifierName(function);
            var bound = model.GetSpeculativeSymbolInfo(Block.SpanStart, simple, SpeculativeBindingOption.BindAsExpression);
            var symbol = bound.Symbol ?? bound.CandidateSymbols.FirstOrDefault();
            return symbol?.ContainingType?.ToDisplayString() == "IpcSim.Libc" ? simple : SyntaxFactory.ParseExpression("IpcSim.Libc." + function);
        }

        private static int PreviousUse(SyntaxList<StatementSyntax> statements, int first, int last, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
        {
            for (var i = last - 1; i >= first; i--)
            {
                if (Uses(statements[i], local, model, cancellationToken)) return i;
            }

            return first - 1;
        }

        private static bool Uses(SyntaxNode node, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
            => node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == local.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, local));

        /// <summary><c>shmdt(addr);</c>, <c>_ = shmdt(addr);</c> or <c>if (shmdt(addr) == -1) perror(...);</c>.</summary>
        private static bool IsDetachStatement(StatementSyntax statement, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken, out ExpressionSyntax? shmdtName)
        {
            var expression = statement switch
            {
                ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Right: var right } } => right,
                ExpressionStatementSyntax { Expression: var e } => e,
                IfStatementSyntax { Else: null, Condition: BinaryExpressionSyntax { Left: var left } } => left,
                _ => null,
            };
            shmdtName = null;
            if (expression is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } call) return false;
            var address = call.ArgumentList.Arguments[0].Expression;
            if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol { Name: "shmdt" } method || method.ContainingType?.ToDisplayString() != "IpcSim.Libc") return false;
            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(address, cancellationToken).Symbol, local)) return false;
            shmdtName = call.Expression.WithoutTrivia();
            return true;
        }

        private static bool DetachesInReturn(StatementSyntax statement, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
            => statement.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(i => model.GetSymbolInfo(i, cancellationToken).Symbol is IMethodSymbol { Name: "shmdt" }
                && Uses(i, local, model, cancellationToken));

        private static bool ContainsExit(SyntaxNode node) => node.DescendantNodesAndSelf(n => n is not (LambdaExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(n => n is ReturnStatementSyntax or ThrowStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax);
    }
}
