using System.Collections.Immutable;
using System.Composition;
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
/// IPC013: msgsz becomes <c>msg.mtext.Length</c> for an IpcSim MsgBuf. For an extern taking a struct, the mtype is
/// taken out instead: the added 8 dropped, or <c>- sizeof(long)</c> after the struct's size.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPC013MessageSizeExcludesMtypeCodeFix)), Shared]
public sealed class IPC013MessageSizeExcludesMtypeCodeFix : CodeFixProvider
{
    internal const string UseMtextLengthKey = "IPC013UseMtextLength";
    internal const string DropMtypeKey = "IPC013DropMtype";
    internal const string SubtractMtypeKey = "IPC013SubtractMtype";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.IPC013MessageSizeExcludesMtype.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (await FixDocument.LoadAsync(context.Document, context.CancellationToken).ConfigureAwait(false) is not { } loaded) return;
        var (root, model, known) = loaded;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation) continue;
            if (!IpcCall.TryMatch(model.GetOperation(invocation, context.CancellationToken) as IInvocationOperation, known, out var call)) continue;
            if (call.Argument("msgsz") is not { Syntax: ExpressionSyntax msgsz } size || call.Argument("msgp") is not { } msgp) continue;
            diagnostic.Properties.TryGetValue(IPC013MessageSizeExcludesMtypeAnalyzer.KindProperty, out var kind);

            string title;
            string key;
            ExpressionSyntax replacement;
            if (SymbolEqualityComparer.Default.Equals(msgp.Type, known.MsgBuf) && IsSimpleReference(msgp.Syntax))
            {
                var length = $"{msgp.Syntax}.mtext.Length";
                (title, key, replacement) = ($"Use {length} as msgsz", UseMtextLengthKey, SyntaxFactory.ParseExpression(length));
            }
            else if (kind == IPC013MessageSizeExcludesMtypeAnalyzer.AddendKind
                && IPC013MessageSizeExcludesMtypeAnalyzer.MtypeAddend(size, out var rest) is not null
                && rest?.Syntax is ExpressionSyntax restSyntax)
            {
                (title, key, replacement) = ($"Drop the mtype size: msgsz becomes {restSyntax}", DropMtypeKey, restSyntax.WithoutTrivia());
            }
            else if (kind == IPC013MessageSizeExcludesMtypeAnalyzer.StructSizeKind)
            {
                var text = $"{msgsz} - sizeof(long)";
                (title, key, replacement) = ($"Subtract the mtype: msgsz becomes {text}", SubtractMtypeKey, SyntaxFactory.ParseExpression(text));
            }
            else
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(msgsz, replacement.WithTriviaFrom(msgsz)))), key),
                diagnostic);
        }
    }

    /// <summary>A reference that can be repeated without running anything twice: msg, this.msg, request.Buffer.</summary>
    private static bool IsSimpleReference(SyntaxNode syntax) => syntax switch
    {
        IdentifierNameSyntax or ThisExpressionSyntax => true,
        MemberAccessExpressionSyntax { Expression: var inner } => IsSimpleReference(inner),
        _ => false,
    };
}
