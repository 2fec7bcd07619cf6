using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IpcAnalyzers.Api;
using IpcAnalyzers.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.CodeFixes.Rules;

/// <summary>
/// IPC005: wraps the longest run of consecutive shared-memory writes around the reported one (statements of the same
/// block that are Mem writes, or other IPC005 writes in Fix All) in a P/V pair on a semaphore set in scope: an int
/// local, parameter or field assigned from semget or named like one (semid, sem, mutex, lockId). One action per
/// candidate, on sem_num 0. The P takes SEM_UNDO and retries on EINTR, the V is in a finally:
/// <c>var down = new[] { new Sembuf(0, -1, SEM_UNDO) }; while (semop(semid, down, 1) == -1) { if (errno != EINTR) throw …; } try { writes } finally { _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1); }</c>.
/// No fix when the write is not a statement of a block or no candidate is in scope.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC005SynchroniseShmWritesCodeFix))]
[Shared]
public sealed class IPC005SynchroniseShmWritesCodeFix : CodeFixProvider
{
    internal const string EquivalenceKeyPrefix = "IPC005.WrapInSemaphore.";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("IPC005");

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var semaphore = context.CodeActionEquivalenceKey?.StartsWith(EquivalenceKeyPrefix, StringComparison.Ordinal) == true
            ? context.CodeActionEquivalenceKey.Substring(EquivalenceKeyPrefix.Length)
            : null;
        if (root is null || model is null || semaphore is null) return document;
        var reported = diagnostics.Select(d => WriteStatement(root, d.Location)).OfType<ExpressionStatementSyntax>().ToImmutableHashSet();
        var runs = new List<Run>();
        foreach (var statement in reported.OrderBy(s => s.SpanStart))
        {
            if (runs.Any(r => r.Contains(statement))) continue;
            if (Run.Around(statement, reported, model, context.CancellationToken) is { } run
                && Candidates(model, statement, context.CancellationToken).Contains(semaphore, StringComparer.Ordinal))
            {
                runs.Add(run);
            }
        }

        return runs.Count == 0 ? document : document.WithSyntaxRoot(Apply(root, model, runs, semaphore));
    });

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (WriteStatement(root, diagnostic.Location) is not { } statement) continue;
            var reported = ImmutableHashSet.Create(statement);
            if (Run.Around(statement, reported, model, context.CancellationToken) is not { } run) continue;
            foreach (var semaphore in Candidates(model, statement, context.CancellationToken))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Wrap the write in semop P/V on '{semaphore}'",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(Apply(root, model, [run], semaphore))),
                        EquivalenceKeyPrefix + semaphore),
                    diagnostic);
            }
        }
    }

    /// <summary>The expression statement of a reported write, when it sits in a block.</summary>
    private static ExpressionStatementSyntax? WriteStatement(SyntaxNode root, Location location)
    {
        if (location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(location.SourceSpan)) return null;
        var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        return node.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { Parent: BlockSyntax } statement
            && statement.Expression.Span.Contains(location.SourceSpan) ? statement : null;
    }

    /// <summary>int locals declared before the write, parameters and fields that hold a semaphore set: from semget, or named like one.</summary>
    private static List<string> Candidates(SemanticModel model, StatementSyntax statement, CancellationToken cancellationToken)
    {
        var known = KnownSymbols.Create(model.Compilation);
        var member = statement.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        var isStatic = IsInStaticMember(model, statement, cancellationToken);
        var names = new List<string>();
        foreach (var symbol in model.LookupSymbols(statement.SpanStart))
        {
            var type = symbol switch
            {
                ILocalSymbol local when local.DeclaringSyntaxReferences.All(r => r.Span.End <= statement.SpanStart) => local.Type,
                IParameterSymbol parameter when parameter.RefKind != RefKind.Out => parameter.Type,
                IFieldSymbol field when !field.IsConst && (field.IsStatic || !isStatic) => field.Type,
                _ => null,
            };
            if (type?.SpecialType != SpecialType.System_Int32 || names.Contains(symbol.Name)) continue;
            if (IsNamedLikeASemaphoreSet(symbol.Name) || (known is not null && IsFromSemget(symbol, model, known, member, cancellationToken))) names.Add(symbol.Name);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static bool IsInStaticMember(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
        => node.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member && model.GetDeclaredSymbol(member, cancellationToken) is { IsStatic: true };

    private static bool IsNamedLikeASemaphoreSet(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower.Contains("sem") || lower.Contains("mutex") || lower.StartsWith("lock", StringComparison.Ordinal);
    }

    /// <summary>Assigned from semget in the member (locals, parameters) or in the type (fields).</summary>
    private static bool IsFromSemget(ISymbol symbol, SemanticModel model, KnownSymbols known, MemberDeclarationSyntax? member, CancellationToken cancellationToken)
    {
        SyntaxNode? scope = symbol is IFieldSymbol ? member?.Parent : member;
        if (scope is null || scope.SyntaxTree != model.SyntaxTree) return false;
        foreach (var invocation in scope.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
                || !IpcCall.TryMatch(operation, known, out var call) || call.Function != IpcFunction.semget) continue;
            SyntaxNode value = invocation;
            while (value.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax) value = value.Parent;
            var target = value.Parent switch
            {
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => model.GetDeclaredSymbol(declarator, cancellationToken),
                AssignmentExpressionSyntax assignment => model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol,
                _ => null,
            };
            if (SymbolEqualityComparer.Default.Equals(target, symbol)) return true;
        }

        return false;
    }

    private static SyntaxNode Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<Run> runs, string semaphore)
    {
        var byBlock = runs.GroupBy(r => r.Block).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Start).ToList());
        var taken = new Dictionary<SyntaxNode, HashSet<string>>();
        var position = runs[0].Block.SpanStart;
        var sembuf = SyntaxBuilders.IsInScope(model, position, "Sembuf") ? "Sembuf" : "IpcSim.Sembuf";
        var exception = SyntaxBuilders.ExceptionType(model, position);
        var needsLibc = !SyntaxBuilders.IsInScope(model, position, "semop");
        var rewritten = root.ReplaceNodes(byBlock.Keys, (original, current) =>
        {
            var member = (SyntaxNode?)original.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? root;
            if (!taken.TryGetValue(member, out var names))
            {
                taken[member] = names = new HashSet<string>(member.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText), StringComparer.Ordinal);
            }

            var statements = current.Statements.ToList();
            // Names in reading order; the runs are then replaced from the last, so that indices stay valid.
            var named = byBlock[original].Select(run => (Run: run, Name: FreshName(names))).ToList();
            foreach (var (run, name) in Enumerable.Reverse(named))
            {
                var writes = statements.GetRange(run.Start, run.End - run.Start + 1);
                var wrapped = Wrap(writes, semaphore, name, sembuf, exception, isLast: run.End == statements.Count - 1);
                statements.RemoveRange(run.Start, writes.Count);
                statements.InsertRange(run.Start, wrapped);
            }

            return current.WithStatements(SyntaxFactory.List(statements));
        });
        return needsLibc && rewritten is CompilationUnitSyntax unit ? SyntaxBuilders.AddLibcUsing(unit) : rewritten;
    }

    private static string FreshName(HashSet<string> taken)
    {
        var name = "down";
        for (var i = 2; !taken.Add(name); i++) name = "down" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return name;
    }

    private static IEnumerable<StatementSyntax> Wrap(List<StatementSyntax> writes, string semaphore, string name, string sembuf, string exception, bool isLast)
    {
        var leading = writes[0].GetLeadingTrivia();
        var body = writes.Select((s, i) => i == 0 ? s.WithLeadingTrivia(leading.Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia) && !t.IsKind(SyntaxKind.SingleLineCommentTrivia))) : s);
        var declaration = SyntaxBuilders.Statement($"var {name} = new[] {{ new {sembuf}(0, -1, SEM_UNDO) }};\n").WithLeadingTrivia(leading);
        var acquire = SyntaxBuilders.Statement(
            $"while (semop({semaphore}, {name}, 1) == -1)\n{{\n    if (errno != EINTR) throw new {exception}(\"semop: \" + strerror(errno));\n}}\n");
        var release = SyntaxBuilders.Statement($"_ = semop({semaphore}, new[] {{ new {sembuf}(0, 1, SEM_UNDO) }}, 1);\n");
        var tryStatement = SyntaxFactory.TryStatement(
                SyntaxFactory.Block(body),
                default,
                SyntaxFactory.FinallyClause(SyntaxFactory.Block(release)))
            .WithTrailingTrivia(isLast ? SyntaxFactory.TriviaList(SyntaxFactory.ElasticCarriageReturnLineFeed) : SyntaxFactory.TriviaList(SyntaxFactory.ElasticCarriageReturnLineFeed, SyntaxFactory.ElasticCarriageReturnLineFeed))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return [declaration, acquire, tryStatement];
    }

    /// <summary>Consecutive write statements of one block: [Start, End] indices.</summary>
    private sealed record Run(BlockSyntax Block, int Start, int End)
    {
        internal bool Contains(StatementSyntax statement)
        {
            var index = Block.Statements.IndexOf(statement);
            return index >= Start && index <= End;
        }

        internal static Run? Around(ExpressionStatementSyntax statement, ImmutableHashSet<ExpressionStatementSyntax> reported, SemanticModel model, CancellationToken cancellationToken)
        {
            if (statement.Parent is not BlockSyntax block) return null;
            var known = KnownSymbols.Create(model.Compilation);
            var index = block.Statements.IndexOf(statement);
            var start = index;
            var end = index;
            while (start > 0 && IsWrite(block.Statements[start - 1])) start--;
            while (end < block.Statements.Count - 1 && IsWrite(block.Statements[end + 1])) end++;
            return new Run(block, start, end);

            bool IsWrite(StatementSyntax candidate) => candidate is ExpressionStatementSyntax expression
                && (reported.Contains(expression) || IsSharedMemoryWrite(expression, model, known, cancellationToken));
        }

        // The one classifier of shared-memory accesses (Mem and Marshal), as the analyzer uses.
        private static bool IsSharedMemoryWrite(ExpressionStatementSyntax statement, SemanticModel model, KnownSymbols? known, CancellationToken cancellationToken)
            => known is not null
                && model.GetOperation(statement.Expression, cancellationToken) is IInvocationOperation invocation
                && SharedMemoryAccess.TryMatch(invocation, known, out var access)
                && access.IsWrite;
    }
}
