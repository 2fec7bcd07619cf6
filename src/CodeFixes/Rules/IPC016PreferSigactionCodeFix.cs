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
/// IPC016: rewrites <c>signal(sig, handler)</c> as <c>sigaction(sig, new SigAction { sa_handler = handler, sa_flags =
/// SA_RESTART }, null)</c>, which is what glibc's signal() means (BSD semantics). A result compared with SIG_ERR becomes
/// a comparison with -1; a result used any other way (the previous handler) has no sigaction equivalent here, so no fix.
/// The unsafe-handler finding has no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC016PreferSigactionCodeFix)), Shared]
public sealed class IPC016PreferSigactionCodeFix : CodeFixProvider
{
    internal const string SigactionKey = "IPC016Sigaction";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.IPC016PreferSigaction.Id);

    /// <summary>All signal() calls of a document in one edit, so that the rewrites never compete for the same text.</summary>
    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create((context, document, diagnostics) => FixDocumentAsync(document, diagnostics, context.CancellationToken));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (await FixDocument.LoadAsync(context.Document, context.CancellationToken).ConfigureAwait(false) is not { } loaded) return;
        var (root, model, known) = loaded;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!TryPlan(root, model, known, diagnostic, context.CancellationToken, out _, out _)) continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Rewrite signal() as sigaction() with SA_RESTART",
                    c => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), c)!,
                    SigactionKey),
                diagnostic);
        }
    }

    private static async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (await FixDocument.LoadAsync(document, cancellationToken).ConfigureAwait(false) is not { } loaded) return document;
        var (root, model, known) = loaded;
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            if (TryPlan(root, model, known, diagnostic, cancellationToken, out var replaced, out var replacement))
            {
                editor.ReplaceNode(replaced, SyntaxFactory.ParseExpression(replacement).WithTriviaFrom(replaced));
            }
        }

        return editor.GetChangedDocument();
    }

    /// <summary>Validates the diagnostic and computes the node to replace and its new text.</summary>
    private static bool TryPlan(SyntaxNode root, SemanticModel model, KnownSymbols known, Diagnostic diagnostic, CancellationToken cancellationToken, out SyntaxNode replaced, out string replacement)
    {
        replaced = root;
        replacement = string.Empty;
        if (known.SigAction is not { } sigActionType) return false;
        if (!diagnostic.Properties.TryGetValue(IPC016PreferSigactionAnalyzer.KindProperty, out var kind) || kind != IPC016PreferSigactionAnalyzer.SignalKind) return false;
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation) return false;
        if (!IpcCall.TryMatch(model.GetOperation(invocation, cancellationToken) as IInvocationOperation, known, out var call) || call.IsExtern) return false;
        if (invocation.ArgumentList.Arguments is not { Count: 2 } arguments || arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None))) return false;

        var qualifier = invocation.Expression switch
        {
            IdentifierNameSyntax => string.Empty,
            MemberAccessExpressionSyntax { Expression: var receiver } => receiver + ".",
            _ => null,
        };
        if (qualifier is null) return false;
        var typeName = model.LookupNamespacesAndTypes(invocation.SpanStart, name: sigActionType.Name)
            .Any(s => SymbolEqualityComparer.Default.Equals(s, sigActionType)) ? sigActionType.Name : sigActionType.ToDisplayString();
        var sigaction = $"{qualifier}sigaction({arguments[0].Expression}, new {typeName} {{ sa_handler = {arguments[1].Expression}, sa_flags = {qualifier}SA_RESTART }}, null)";

        switch (invocation.Parent)
        {
            case ExpressionStatementSyntax:
                replaced = invocation;
                replacement = sigaction;
                return true;
            case BinaryExpressionSyntax comparison when comparison.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression
                && IsSigErr(comparison.Left == invocation ? comparison.Right : comparison.Left, model, known):
                replaced = comparison;
                replacement = $"{sigaction} {comparison.OperatorToken.Text} -1";
                return true;
            default:
                return false;
        }
    }

    private static bool IsSigErr(ExpressionSyntax expression, SemanticModel model, KnownSymbols known)
        => model.GetSymbolInfo(expression).Symbol is IFieldSymbol { Name: "SIG_ERR" } field
           && SymbolEqualityComparer.Default.Equals(field.ContainingType, known.Libc);
}
