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
using Microsoft.CodeAnalysis.Formatting;

namespace IpcAnalyzers.CodeFixes.Rules;

/// <summary>
/// IPC008: moves the V into a finally. The statements after the P, up to the V, become the try block, and the V its
/// finally: <c>P; work(); V;</c> becomes <c>P; try { work(); } finally { V; }</c>. A V written as
/// <c>return semop(…);</c> or <c>int r = semop(…);</c> keeps its value through a local assigned in the finally.
/// Offered only when the P and the V are statements of the same block, nothing between them is another V of the
/// lock, and no local declared between them is used from the V on.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC008ReleaseWhatYouAcquireCodeFix))]
[Shared]
public sealed class IPC008ReleaseWhatYouAcquireCodeFix : CodeFixProvider
{
    internal const string EquivalenceKey = "IPC008.MoveVIntoFinally";

    private static readonly SyntaxAnnotation PMark = new("IPC008.P");

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("IPC008");

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        // Mark every P and its V's first, then fix one at a time on the current tree: regions may nest.
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var marks = new List<(SyntaxAnnotation P, SyntaxAnnotation[] Vs)>();
        var nodes = new Dictionary<SyntaxNode, List<SyntaxAnnotation>>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (Node(root, diagnostic.Location) is not { } p) continue;
            var pMark = new SyntaxAnnotation(PMark.Kind);
            Add(p, pMark);
            var vMarks = new List<SyntaxAnnotation>();
            foreach (var v in diagnostic.AdditionalLocations.Skip(1).Select(l => Node(root, l)).OfType<SyntaxNode>())
            {
                var vMark = new SyntaxAnnotation("IPC008.V");
                Add(v, vMark);
                vMarks.Add(vMark);
            }

            marks.Add((pMark, vMarks.ToArray()));
        }

        root = root.ReplaceNodes(nodes.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(nodes[original]));
        document = document.WithSyntaxRoot(root);
        foreach (var (pMark, vMarks) in marks)
        {
            root = (await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!;
            var p = root.GetAnnotatedNodes(pMark).FirstOrDefault();
            var vs = vMarks.Select(m => root.GetAnnotatedNodes(m).FirstOrDefault()).OfType<SyntaxNode>().ToList();
            if (p is null || vs.Count == 0) continue;
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (model is null || Plan.TryCreate(p, vs, model, context.CancellationToken) is not { } plan) continue;
            document = document.WithSyntaxRoot(plan.Apply(root));
        }

        return document;

        void Add(SyntaxNode node, SyntaxAnnotation annotation)
        {
            if (!nodes.TryGetValue(node, out var list)) nodes[node] = list = [];
            list.Add(annotation);
        }
    });

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Node(root, diagnostic.Location) is not { } p) continue;
            var vs = diagnostic.AdditionalLocations.Skip(1).Select(l => Node(root, l)).OfType<SyntaxNode>().ToList();
            if (Plan.TryCreate(p, vs, model, context.CancellationToken) is not { } plan) continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Release the semaphore in a finally",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(plan.Apply(root))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static SyntaxNode? Node(SyntaxNode root, Location location)
    {
        if (location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(location.SourceSpan)) return null;
        var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        return node.AncestorsAndSelf().FirstOrDefault(n => n.Span == location.SourceSpan) ?? node;
    }

    /// <summary>The checked shape of one fix: the block, the P statement, the V statement and how the V keeps its value.</summary>
    private sealed class Plan
    {
        private Plan(BlockSyntax block, int pIndex, int vIndex, ExpressionSyntax release, string? resultType, string? resultName, bool returnsResult)
        {
            Block = block;
            PIndex = pIndex;
            VIndex = vIndex;
            Release = release;
            ResultType = resultType;
            ResultName = resultName;
            ReturnsResult = returnsResult;
        }

        private BlockSyntax Block { get; }

        private int PIndex { get; }

        private int VIndex { get; }

        /// <summary>The V expression (semop(…), Unlock(id), guard.Dispose()), or the whole <c>_ = …</c> assignment.</summary>
        private ExpressionSyntax Release { get; }

        /// <summary>Set when the V's value is kept: <c>int r = V;</c> or <c>return V;</c>.</summary>
        private string? ResultType { get; }

        private string? ResultName { get; }

        private bool ReturnsResult { get; }

        internal static Plan? TryCreate(SyntaxNode p, IReadOnlyList<SyntaxNode> vs, SemanticModel model, CancellationToken cancellationToken)
        {
            var pStatement = p.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent is BlockSyntax);
            if (pStatement?.Parent is not BlockSyntax block) return null;
            var statements = block.Statements;
            var pIndex = statements.IndexOf(pStatement);
            foreach (var v in vs)
            {
                var vStatement = v.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == block);
                if (vStatement is null) continue;
                var vIndex = statements.IndexOf(vStatement);
                if (vIndex <= pIndex + 1) continue;
                var region = statements.Skip(pIndex + 1).Take(vIndex - pIndex - 1).ToList();
                // Another V of this lock inside the region would run twice once the V is in the finally.
                if (vs.Any(other => other != v && region.Any(s => s.Span.Contains(other.Span)))) return null;
                if (DeclaresLocalUsedLater(region, statements.Skip(vIndex), model, cancellationToken)) return null;
                return Shape(block, pIndex, vIndex, vStatement, v, model, cancellationToken);
            }

            return null;
        }

        internal SyntaxNode Apply(SyntaxNode root)
        {
            var statements = Block.Statements;
            var region = statements.Skip(PIndex + 1).Take(VIndex - PIndex - 1).ToList();
            var vStatement = statements[VIndex];
            StatementSyntax inFinally = ResultName is null
                ? SyntaxFactory.ExpressionStatement(Release.WithoutTrivia())
                : SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(ResultName), Release.WithoutTrivia()));
            var tryStatement = SyntaxFactory.TryStatement(
                SyntaxFactory.Block(region.Select((s, i) => i == 0 ? s.WithLeadingTrivia(SyntaxFactory.ElasticMarker) : s)), // its comments move above the try
                default,
                SyntaxFactory.FinallyClause(SyntaxFactory.Block(inFinally)));
            var replacement = new List<StatementSyntax>();
            if (ResultName is not null)
            {
                replacement.Add(SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.ParseTypeName(ResultType!), SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(ResultName))))
                    .WithLeadingTrivia(region[0].GetLeadingTrivia()).WithAdditionalAnnotations(Formatter.Annotation));
                replacement.Add(tryStatement.WithAdditionalAnnotations(Formatter.Annotation));
            }
            else
            {
                replacement.Add(tryStatement.WithLeadingTrivia(region[0].GetLeadingTrivia()).WithAdditionalAnnotations(Formatter.Annotation));
            }

            if (ReturnsResult)
            {
                replacement.Add(SyntaxFactory.ReturnStatement(SyntaxFactory.IdentifierName(ResultName!))
                    .WithLeadingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed).WithTrailingTrivia(vStatement.GetTrailingTrivia())
                    .WithAdditionalAnnotations(Formatter.Annotation));
            }
            else
            {
                // A blank line after the finally when code follows it.
                var trailing = vStatement.GetTrailingTrivia();
                if (VIndex + 1 < statements.Count) trailing = trailing.Add(SyntaxFactory.ElasticCarriageReturnLineFeed);
                replacement[replacement.Count - 1] = replacement[replacement.Count - 1].WithTrailingTrivia(trailing);
            }

            var newStatements = statements.Take(PIndex + 1).Concat(replacement).Concat(statements.Skip(VIndex + 1));
            return root.ReplaceNode(Block, Block.WithStatements(SyntaxFactory.List(newStatements)));
        }

        private static Plan? Shape(BlockSyntax block, int pIndex, int vIndex, StatementSyntax vStatement, SyntaxNode v, SemanticModel model, CancellationToken cancellationToken)
        {
            switch (vStatement)
            {
                case ExpressionStatementSyntax expression when expression.Expression == v
                    || expression.Expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard && discard.Right == v:
                    return new Plan(block, pIndex, vIndex, expression.Expression, null, null, false);
                case ReturnStatementSyntax { Expression: { } returned } when returned == v:
                    {
                        if (model.GetTypeInfo(returned, cancellationToken).Type is not { SpecialType: not SpecialType.System_Void } type) return null;
                        var name = FreeName(model, vStatement.SpanStart, "released");
                        return new Plan(block, pIndex, vIndex, returned, type.ToMinimalDisplayString(model, vStatement.SpanStart), name, true);
                    }

                case LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration
                    when declaration.Declaration.Variables[0] is { Initializer.Value: { } value } variable && value == v:
                    {
                        if (model.GetTypeInfo(value, cancellationToken).Type is not { } type) return null;
                        var typeName = declaration.Declaration.Type.IsVar ? type.ToMinimalDisplayString(model, vStatement.SpanStart) : declaration.Declaration.Type.ToString();
                        return new Plan(block, pIndex, vIndex, value, typeName, variable.Identifier.ValueText, false);
                    }

                default:
                    return null;
            }
        }

        private static string FreeName(SemanticModel model, int position, string name)
        {
            var candidate = name;
            for (var i = 2; model.LookupSymbols(position, name: candidate).Length > 0; i++) candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return candidate;
        }

        /// <summary>A local declared between the P and the V (so inside the new try block) that the V or later code reads.</summary>
        private static bool DeclaresLocalUsedLater(List<StatementSyntax> region, IEnumerable<StatementSyntax> after, SemanticModel model, CancellationToken cancellationToken)
        {
            if (region.Count == 0) return false;
            var flow = model.AnalyzeDataFlow(region[0], region[region.Count - 1]);
            if (flow is null || !flow.Succeeded) return true;
            var declared = new HashSet<ISymbol>(flow.VariablesDeclared, SymbolEqualityComparer.Default);
            if (declared.Count == 0) return false;
            foreach (var statement in after)
            {
                foreach (var name in statement.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                {
                    if (model.GetSymbolInfo(name, cancellationToken).Symbol is { } symbol && declared.Contains(symbol)) return true;
                }
            }

            return false;
        }
    }
}
