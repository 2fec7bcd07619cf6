using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IpcAnalyzers.Api;
using IpcAnalyzers.CodeFixes.Internals;
using IpcAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.CodeFixes.Rules;

/// <summary>
/// IPC011: creates the set with IPC_EXCL, records whether this process created it, falls back to opening the existing
/// set on EEXIST, and guards each initialisation in the same body with that record:
/// <code>
/// int semid = semget(key, 1, IPC_CREAT | IPC_EXCL | S_IRUSR | S_IWUSR);
/// bool created = semid != -1;
/// if (!created &amp;&amp; errno == EEXIST) semid = semget(key, 1, 0);
/// …
/// if (created &amp;&amp; semctl(semid, 0, SETVAL, 1) == -1) return -1;
/// </code>
/// Offered for IpcSim calls whose id is a local of the body that initialises it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC011RacySemaphoreInitialisationCodeFix)), Shared]
public sealed class IPC011RacySemaphoreInitialisationCodeFix : CodeFixProvider
{
    internal const string ExclusiveKey = "IPC011CreateExclusive";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.IPC011RacySemaphoreInitialisation.Id);

    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create((context, document, diagnostics) => FixDocumentAsync(document, diagnostics, context.CancellationToken));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (await FixDocument.LoadAsync(context.Document, context.CancellationToken).ConfigureAwait(false) is not { } loaded) return;
        var (root, model, known) = loaded;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan.Create(root, model, known, diagnostic, new HashSet<string>(), context.CancellationToken) is null) continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Create with IPC_EXCL and initialise only when this process created the set",
                    c => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), c)!,
                    ExclusiveKey),
                diagnostic);
        }
    }

    private static async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (await FixDocument.LoadAsync(document, cancellationToken).ConfigureAwait(false) is not { } loaded) return document;
        var (root, model, known) = loaded;
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var namesTaken = new HashSet<string>();
        foreach (var diagnostic in diagnostics)
        {
            Plan.Create(root, model, known, diagnostic, namesTaken, cancellationToken)?.Apply(editor);
        }

        return editor.GetChangedDocument();
    }

    private sealed class Plan
    {
        private readonly ExpressionSyntax flags;
        private readonly string exclusiveFlags;
        private readonly StatementSyntax anchor;
        private readonly IReadOnlyList<StatementSyntax> added;
        private readonly IReadOnlyList<StatementSyntax> initialisations;
        private readonly string created;

        private Plan(ExpressionSyntax flags, string exclusiveFlags, StatementSyntax anchor, IReadOnlyList<StatementSyntax> added, IReadOnlyList<StatementSyntax> initialisations, string created)
        {
            this.flags = flags;
            this.exclusiveFlags = exclusiveFlags;
            this.anchor = anchor;
            this.added = added;
            this.initialisations = initialisations;
            this.created = created;
        }

        internal static Plan? Create(SyntaxNode root, SemanticModel model, KnownSymbols known, Diagnostic diagnostic, HashSet<string> namesTaken, CancellationToken cancellationToken)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax semget) return null;
            if (!IpcCall.TryMatch(model.GetOperation(semget, cancellationToken) as IInvocationOperation, known, out var call) || call.IsExtern) return null;
            if (semget.ArgumentList.Arguments is not { Count: 3 } arguments || arguments.Any(a => a.NameColon is not null)) return null;
            var qualifier = semget.Expression switch
            {
                IdentifierNameSyntax => string.Empty,
                MemberAccessExpressionSyntax { Expression: var receiver } => receiver + ".",
                _ => null,
            };
            if (qualifier is null || !TryFindAnchor(semget, model, cancellationToken, out var anchor, out var local)) return null;

            var body = anchor.Parent!;
            var initialisations = body.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Where(i => i.SpanStart > anchor.Span.End && IsInitialisationOf(i, local, model, known, cancellationToken))
                .Select(i => i.FirstAncestorOrSelf<StatementSyntax>())
                .Distinct()
                .ToList();
            if (initialisations.Count == 0 || initialisations.Any(s => s is null or ReturnStatementSyntax || s.Parent is not BlockSyntax)) return null;

            var created = new[] { "created", local.Name + "Created" }
                .FirstOrDefault(n => !namesTaken.Contains(body.SpanStart + n) && model.LookupSymbols(anchor.SpanStart, name: n).IsEmpty);
            if (created is null) return null;
            namesTaken.Add(body.SpanStart + created);

            var flags = arguments[2].Expression;
            var lines = new List<string> { $"bool {created} = {local.Name} != -1;" };
            if (IsRepeatable(arguments[0].Expression) && IsRepeatable(arguments[1].Expression))
            {
                lines.Add($"if (!{created} && {qualifier}errno == {qualifier}EEXIST) {local.Name} = {semget.Expression}({arguments[0].Expression}, {arguments[1].Expression}, 0);");
            }

            return new Plan(flags, ExclusiveFlags(flags, qualifier), anchor, lines.Select(l => Indented(l, anchor)).ToList(), initialisations!, created);
        }

        internal void Apply(DocumentEditor editor)
        {
            editor.ReplaceNode(flags, SyntaxFactory.ParseExpression(exclusiveFlags).WithTriviaFrom(flags));
            editor.InsertAfter(anchor, added);
            foreach (var statement in initialisations)
            {
                if (statement is IfStatementSyntax { Else: null } guarded)
                {
                    var condition = guarded.Condition is BinaryExpressionSyntax b && !b.IsKind(SyntaxKind.LogicalOrExpression) || guarded.Condition is InvocationExpressionSyntax or IdentifierNameSyntax or PrefixUnaryExpressionSyntax
                        ? guarded.Condition.ToString()
                        : $"({guarded.Condition})";
                    editor.ReplaceNode(guarded.Condition, SyntaxFactory.ParseExpression($"{created} && {condition}").WithTriviaFrom(guarded.Condition));
                }
                else
                {
                    editor.ReplaceNode(statement, SyntaxFactory.ParseStatement($"if ({created}) {statement.WithoutTrivia()}").WithTriviaFrom(statement));
                }
            }
        }

        /// <summary>The declaration or assignment statement that stores the semget result in a local.</summary>
        private static bool TryFindAnchor(InvocationExpressionSyntax semget, SemanticModel model, CancellationToken cancellationToken, out StatementSyntax anchor, out ILocalSymbol local)
        {
            anchor = null!;
            local = null!;
            switch (semget.Parent)
            {
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                    when declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax } declaration }
                    && model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol declared:
                    (anchor, local) = (declaration, declared);
                    return true;
                case AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax { Parent: BlockSyntax } statement } assignment
                    when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    && model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is ILocalSymbol assigned:
                    (anchor, local) = (statement, assigned);
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsInitialisationOf(InvocationExpressionSyntax invocation, ILocalSymbol local, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
            => model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation
               && IPC011RacySemaphoreInitialisationAnalyzer.InitialisedId(operation, known)?.WithoutConversions() is ILocalReferenceOperation id
               && SymbolEqualityComparer.Default.Equals(id.Local, local);

        /// <summary>IPC_EXCL next to IPC_CREAT when the flags start with it, else appended.</summary>
        private static string ExclusiveFlags(ExpressionSyntax flags, string qualifier)
        {
            var leftmost = flags;
            while (leftmost is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.BitwiseOrExpression)) leftmost = binary.Left;
            var text = flags.ToString();
            if (leftmost.ToString() == qualifier + "IPC_CREAT")
            {
                var offset = leftmost.Span.End - flags.SpanStart;
                return text.Substring(0, offset) + $" | {qualifier}IPC_EXCL" + text.Substring(offset);
            }

            var operand = flags is BinaryExpressionSyntax other && !other.IsKind(SyntaxKind.BitwiseOrExpression) || flags is ConditionalExpressionSyntax ? $"({text})" : text;
            return $"{operand} | {qualifier}IPC_EXCL";
        }

        private static bool IsRepeatable(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax or LiteralExpressionSyntax => true,
            MemberAccessExpressionSyntax { Expression: var inner } => IsRepeatable(inner) || inner is ThisExpressionSyntax,
            _ => false,
        };

        private static StatementSyntax Indented(string text, StatementSyntax neighbour)
        {
            var indentation = neighbour.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            var newline = neighbour.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            if (!newline.IsKind(SyntaxKind.EndOfLineTrivia)) newline = SyntaxFactory.LineFeed;
            var statement = SyntaxFactory.ParseStatement(text).WithTrailingTrivia(newline);
            return indentation.IsKind(SyntaxKind.WhitespaceTrivia) ? statement.WithLeadingTrivia(indentation) : statement;
        }
    }
}
