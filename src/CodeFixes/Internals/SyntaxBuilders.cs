using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace IpcAnalyzers.CodeFixes.Internals;

/// <summary>The statements the fixes insert, and the small decisions about names and usings that go with them.</summary>
internal static class SyntaxBuilders
{
    internal const string LibcUsing = "IpcSim.Libc";

    /// <summary><c>if (r == -1) { perror("f"); return -1; }</c></summary>
    internal static StatementSyntax ReturnOnFailure(string variable, string function, string returnStatement)
        => Statement($"if ({variable} == -1)\n{{\n    perror(\"{function}\");\n    {returnStatement}\n}}\n");

    /// <summary><c>if (r == -1) { throw new InvalidOperationException($"f failed: {strerror(errno)}"); }</c></summary>
    internal static StatementSyntax ThrowOnFailure(string variable, string function, string exceptionType)
        => Statement($"if ({variable} == -1)\n{{\n    throw new {exceptionType}($\"{function} failed: {{strerror(errno)}}\");\n}}\n");

    /// <summary><c>do { r = call; } while (r == -1 &amp;&amp; errno == EINTR);</c></summary>
    internal static StatementSyntax EintrLoop(string variable, ExpressionSyntax call)
        => Statement($"do\n{{\n    {variable} = {call.WithoutTrivia().ToFullString()};\n}}\nwhile ({variable} == -1 && errno == EINTR);\n");

    internal static StatementSyntax Statement(string text)
        => SyntaxFactory.ParseStatement(text).WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary>The name a result is given: shmid, semid, msqid, fd, addr, pid, key, or r; made unique in the member.</summary>
    internal static string ResultName(string function, SyntaxNode context, SemanticModel model)
    {
        var wanted = function switch
        {
            "shmget" => "shmid",
            "semget" => "semid",
            "msgget" => "msqid",
            "open" or "dup" or "dup2" => "fd",
            "shmat" => "addr",
            "fork" or "wait" or "waitpid" => "pid",
            "ftok" => "key",
            "read" or "write" or "msgrcv" => "n",
            _ => "r",
        };
        var taken = new HashSet<string>(model.LookupSymbols(context.SpanStart).Select(s => s.Name));
        var member = context.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? context.SyntaxTree.GetRoot();
        foreach (var token in member.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken))) taken.Add(token.ValueText);
        var name = wanted;
        for (var i = 2; taken.Contains(name); i++) name = wanted + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return name;
    }

    /// <summary>Is <paramref name="name"/> reachable by its simple name at the position (through a using static)?</summary>
    internal static bool IsInScope(SemanticModel model, int position, string name) => !model.LookupSymbols(position, name: name).IsEmpty;

    /// <summary>The exception type written as the scope allows: InvalidOperationException or System.InvalidOperationException.</summary>
    internal static string ExceptionType(SemanticModel model, int position)
        => IsInScope(model, position, "InvalidOperationException") ? "InvalidOperationException" : "System.InvalidOperationException";

    /// <summary>Adds <c>using static IpcSim.Libc;</c> after the last using (or at the top).</summary>
    internal static CompilationUnitSyntax AddLibcUsing(CompilationUnitSyntax unit)
    {
        if (unit.Usings.Any(u => u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && u.Name?.ToString() is LibcUsing or "global::" + LibcUsing))
        {
            return unit;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(LibcUsing))
            .WithStaticKeyword(SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        if (unit.Usings.Count == 0)
        {
            var first = unit.GetLeadingTrivia();
            return unit.WithoutLeadingTrivia().WithUsings(SyntaxFactory.SingletonList(directive.WithLeadingTrivia(first)))
                .WithMembers(unit.Members.Count > 0
                    ? unit.Members.Replace(unit.Members[0], unit.Members[0].WithLeadingTrivia(unit.Members[0].GetLeadingTrivia().Insert(0, SyntaxFactory.ElasticCarriageReturnLineFeed)))
                    : unit.Members);
        }

        return unit.WithUsings(unit.Usings.Add(directive));
    }

    /// <summary>The statement list that holds <paramref name="statement"/>, if statements can be inserted next to it.</summary>
    internal static bool CanInsertAfter(StatementSyntax statement)
        => statement.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax;

    /// <summary>Replaces <paramref name="statement"/> with <paramref name="replacement"/> statements in its list.</summary>
    internal static SyntaxNode ReplaceStatement(SyntaxNode root, StatementSyntax statement, IEnumerable<StatementSyntax> replacement)
    {
        var list = replacement.ToList();
        if (statement.Parent is GlobalStatementSyntax global)
        {
            return root.ReplaceNode(global, list.Select(s => (SyntaxNode)SyntaxFactory.GlobalStatement(s).WithAdditionalAnnotations(Formatter.Annotation)));
        }

        return root.ReplaceNode(statement, list);
    }
}
