using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace IpcAnalyzers.Tests.Flow;

/// <summary>A plain-text rendering of a control flow graph, printed when a SemHold engine test fails.</summary>
internal static class SemHoldCfgText
{
    internal static string Render(ControlFlowGraph graph)
    {
        var text = new StringBuilder();
        foreach (var block in graph.Blocks)
        {
            text.Append("B").Append(block.Ordinal).Append(' ').Append(block.Kind)
                .Append(" region=").Append(block.EnclosingRegion.Kind).AppendLine();
            foreach (var operation in block.Operations)
            {
                text.Append("    ").Append(operation.Kind).Append(": ").AppendLine(OneLine(operation.Syntax));
            }

            if (block.BranchValue is { } branch)
            {
                text.Append("    branch ").Append(block.ConditionKind).Append(' ').Append(branch.Kind).Append(": ").AppendLine(OneLine(branch.Syntax));
            }

            Successor("cond", block.ConditionalSuccessor);
            Successor("next", block.FallThroughSuccessor);
        }

        return text.ToString();

        void Successor(string label, ControlFlowBranch? branch)
        {
            if (branch is null) return;
            text.Append("    ").Append(label).Append(" -> ").Append(branch.Destination?.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")
                .Append(' ').Append(branch.Semantics);
            if (branch.FinallyRegions.Length > 0) text.Append(" via ").Append(branch.FinallyRegions.Length).Append(" finally");
            text.AppendLine();
        }
    }

    private static string OneLine(SyntaxNode syntax) => string.Join(" ", syntax.ToString().Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
}
