using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using IpcAnalyzers.Api;
using IpcAnalyzers.CodeFixes.Internals;
using IpcAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.CodeFixes.Rules;

/// <summary>
/// IPC009: rewrites the mode argument with the "other" bits cleared. The parts of a | chain that carry no permission
/// bits (IPC_CREAT, IPC_EXCL, O_CREAT) stay as written; the permission parts become S_I* constants or a binary literal.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC009PermissionsOpenToEveryUserCodeFix)), Shared]
public sealed class IPC009PermissionsOpenToEveryUserCodeFix : CodeFixProvider
{
    internal const string NarrowKey = "IPC009NarrowToOwnerAndGroup";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.IPC009PermissionsOpenToEveryUser.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (await FixDocument.LoadAsync(context.Document, context.CancellationToken).ConfigureAwait(false) is not { } loaded) return;
        var (root, model, known) = loaded;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(IPC009PermissionsOpenToEveryUserAnalyzer.ModeArgumentProperty, out var argumentName) || argumentName is null) continue;
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation) continue;
            if (!IpcCall.TryMatch(model.GetOperation(invocation, context.CancellationToken) as IInvocationOperation, known, out var call)) continue;
            if (call.Argument(argumentName) is not { IsImplicit: false, Syntax: ExpressionSyntax argument }) continue;
            if (!TryNarrow(argument, model, out var replacement)) continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Narrow the mode to owner and group: {replacement}",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument, SyntaxFactory.ParseExpression(replacement).WithTriviaFrom(argument)))),
                    NarrowKey),
                diagnostic);
        }
    }

    /// <summary>The text of the argument with S_IRWXO cleared, or false when it cannot be rewritten faithfully.</summary>
    private static bool TryNarrow(ExpressionSyntax argument, SemanticModel model, out string replacement)
    {
        replacement = string.Empty;
        var parts = new List<string>();
        var modeIndex = -1;
        long mode = 0;
        foreach (var operand in OrOperands(argument))
        {
            // 0666 is IPC010's business: narrowing the decimal 666 would keep a mode nobody meant.
            if (HasOctalLookalike(operand)) return false;
            if (!ConstantFolding.TryFold(model.GetOperation(operand), out var value)) return false;
            var permissions = value & ModeBits.PermissionMask;
            if (permissions == 0)
            {
                parts.Add(operand.WithoutTrivia().ToString());
            }
            else if (value == permissions)
            {
                if (modeIndex < 0)
                {
                    modeIndex = parts.Count;
                    parts.Add(string.Empty);
                }

                mode |= value;
            }
            else if (operand is LiteralExpressionSyntax)
            {
                parts.Add(ModeBits.BinaryLiteral(value & ~ModeBits.OtherMask));
            }
            else
            {
                return false;
            }
        }

        var narrowed = mode & ~ModeBits.OtherMask;
        if (modeIndex >= 0)
        {
            if (narrowed == 0) parts.RemoveAt(modeIndex);
            else parts[modeIndex] = ModeSyntax.Text(narrowed, ModeSyntax.ConstantsResolve(model, argument.SpanStart));
        }

        replacement = parts.Count == 0 ? "0" : string.Join(" | ", parts);
        return true;
    }

    private static IEnumerable<ExpressionSyntax> OrOperands(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax { Expression: BinaryExpressionSyntax inner } when inner.IsKind(SyntaxKind.BitwiseOrExpression):
                return OrOperands(inner);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.BitwiseOrExpression):
                return OrOperands(binary.Left).Concat(OrOperands(binary.Right));
            default:
                return [expression];
        }
    }

    private static bool HasOctalLookalike(ExpressionSyntax expression)
        => expression.DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>()
            .Any(l => l.IsKind(SyntaxKind.NumericLiteralExpression) && ModeBits.TryReadOctalLookalike(l.Token.Text, out _, out _));
}
