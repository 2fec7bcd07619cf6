using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IpcAnalyzers.CodeFixes;

/// <summary>Builds the C# spelling of a mode: S_I* constants where they resolve by simple name, a binary literal otherwise.</summary>
internal static class ModeSyntax
{
    /// <summary>True when S_IRUSR at <paramref name="position"/> names IpcSim.Libc's constant (a <c>using static IpcSim.Libc</c> is in scope).</summary>
    internal static bool ConstantsResolve(SemanticModel model, int position)
        => model.LookupSymbols(position, name: "S_IRUSR").Any(s => s is IFieldSymbol { IsConst: true, ContainingType: { Name: "Libc", ContainingNamespace.Name: "IpcSim" } });

    /// <summary>"S_IRUSR | S_IWUSR" for the names, or the binary literal when there are none or they do not resolve.</summary>
    internal static string Text(long mode, bool useConstants)
    {
        IReadOnlyList<string> names = useConstants ? ModeBits.ConstantNames(mode) : [];
        return names.Count > 0 ? string.Join(" | ", names) : ModeBits.BinaryLiteral(mode);
    }

    /// <summary>
    /// Parses <paramref name="text"/> to replace <paramref name="replaced"/>, in parentheses when an operator around it
    /// binds tighter than | (a + 0600 becomes a + (S_IRUSR | S_IWUSR)).
    /// </summary>
    internal static ExpressionSyntax Replacement(ExpressionSyntax replaced, string text)
    {
        var expression = SyntaxFactory.ParseExpression(text);
        var needsParentheses = expression is BinaryExpressionSyntax && replaced.Parent switch
        {
            ParenthesizedExpressionSyntax or AssignmentExpressionSyntax or ConditionalExpressionSyntax => false,
            BinaryExpressionSyntax parent => !parent.IsKind(SyntaxKind.BitwiseOrExpression),
            ExpressionSyntax => true,
            _ => false,
        };
        if (needsParentheses) expression = SyntaxFactory.ParenthesizedExpression(expression);
        return expression.WithTriviaFrom(replaced);
    }
}
