using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>
/// Finds the syntax of a way out of a body, for the additional location of a report. The graph keeps no syntax for
/// a <c>return;</c> without a value (it is a plain branch to the exit block), so that one is found next to the
/// block's condition or last statement; the end of the body is its closing brace.
/// </summary>
internal static class ExitLocator
{
    internal static AttachExit Find(ControlFlowGraph graph, BasicBlock block, ControlFlowBranch branch, AttachExitKind kind)
    {
        var node = FindNode(block, branch);
        if (node is null) return new AttachExit(kind, EndOf(graph.OriginalOperation.Syntax));
        return new AttachExit(kind == AttachExitKind.End && node is ReturnStatementSyntax ? AttachExitKind.Return : kind, node.GetLocation());
    }

    private static SyntaxNode? FindNode(BasicBlock block, ControlFlowBranch branch)
    {
        if (branch.Semantics is ControlFlowBranchSemantics.Return or ControlFlowBranchSemantics.Throw && block.BranchValue is { } value)
        {
            return value.Syntax.FirstAncestorOrSelf<SyntaxNode>(n => n is ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax
                or ArrowExpressionClauseSyntax or LambdaExpressionSyntax) switch
            {
                ArrowExpressionClauseSyntax arrow => arrow.Expression,
                LambdaExpressionSyntax lambda => lambda.Body,
                { } statement => statement,
                null => value.Syntax,
            };
        }

        if (block.ConditionKind != ControlFlowConditionKind.None && block.BranchValue is { } condition)
        {
            // The branch taken when the condition is true is the if's statement; the other one its else.
            var takenWhenTrue = ReferenceEquals(branch, block.ConditionalSuccessor) == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
            if (condition.Syntax.FirstAncestorOrSelf<IfStatementSyntax>() is { } ifStatement && ifStatement.Condition.Span.Contains(condition.Syntax.Span))
            {
                var arm = takenWhenTrue ? ifStatement.Statement : ifStatement.Else?.Statement;
                if (arm is not null && FirstExitIn(arm) is { } inArm) return inArm;
            }
        }
        else if (block.Operations.Length > 0)
        {
            var statement = block.Operations[block.Operations.Length - 1].Syntax.FirstAncestorOrSelf<StatementSyntax>();
            if (statement?.Parent is BlockSyntax parent)
            {
                var next = parent.Statements.IndexOf(statement) + 1;
                if (next < parent.Statements.Count && parent.Statements[next] is ReturnStatementSyntax or ThrowStatementSyntax) return parent.Statements[next];
            }
            else if (block.Operations[block.Operations.Length - 1].Syntax.FirstAncestorOrSelf<CatchClauseSyntax>() is { } catchClause
                && FirstExitIn(catchClause.Block) is { } rethrow)
            {
                return rethrow;
            }
        }

        return null;
    }

    private static SyntaxNode? FirstExitIn(SyntaxNode node)
        => node.DescendantNodesAndSelf(n => n is not (LambdaExpressionSyntax or LocalFunctionStatementSyntax))
            .FirstOrDefault(n => n is ReturnStatementSyntax or ThrowStatementSyntax);

    /// <summary>The closing brace of the body (or its expression, for an expression body).</summary>
    private static Location EndOf(SyntaxNode body)
    {
        var (block, expression) = body switch
        {
            BaseMethodDeclarationSyntax method => (method.Body, (SyntaxNode?)method.ExpressionBody?.Expression),
            LocalFunctionStatementSyntax local => (local.Body, local.ExpressionBody?.Expression),
            AccessorDeclarationSyntax accessor => (accessor.Body, accessor.ExpressionBody?.Expression),
            AnonymousFunctionExpressionSyntax lambda => (lambda.Block, lambda.ExpressionBody),
            _ => (null, null),
        };
        if (block is not null) return block.CloseBraceToken.GetLocation();
        return expression?.GetLocation() ?? body.GetLastToken().GetLocation();
    }
}
