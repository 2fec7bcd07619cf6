using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using IpcAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IpcAnalyzers.CodeFixes.Rules;

/// <summary>IPC002: replaces the 0 / IntPtr.Zero / nint.Zero / null that shmat's result is compared with by -1.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC002ShmatFailsWithMinusOneCodeFix)), Shared]
public sealed class IPC002ShmatFailsWithMinusOneCodeFix : CodeFixProvider
{
    internal const string Key = "IPC002CompareWithMinusOne";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.IPC002ShmatFailsWithMinusOne.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(IPC002Properties.ConstantStart, out var startText)
            || !int.TryParse(startText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start))
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindToken(start).Parent?.AncestorsAndSelf().OfType<ExpressionSyntax>()
                .LastOrDefault(e => e.SpanStart == start && diagnostic.Location.SourceSpan.Contains(e.Span) && e.Span != diagnostic.Location.SourceSpan)
            is not { } constant)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Compare with -1",
                _ =>
                {
                    var minusOne = SyntaxFactory.PrefixUnaryExpression(
                        SyntaxKind.UnaryMinusExpression,
                        SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1)));
                    return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(constant, minusOne.WithTriviaFrom(constant))));
                },
                Key),
            diagnostic);
    }
}
