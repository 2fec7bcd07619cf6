using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace IpcAnalyzers.Flow.ShmWrites;

/// <summary>
/// A backward question over the graph: from a point, is a marked operation (a fork, a V) still to come on some path
/// (<c>must: false</c>) or on every path to the end of the body (<c>must: true</c>)? A path that throws needs none;
/// a finally that a branch runs counts; exception edges are not followed.
/// </summary>
internal sealed class PathsAhead
{
    private readonly ControlFlowGraph graph;
    private readonly Dictionary<int, List<int>> marks = [];
    private readonly bool must;
    private readonly bool[] atEntry;

    internal PathsAhead(ControlFlowGraph graph, IEnumerable<BlockPosition> marked, bool must)
    {
        this.graph = graph;
        this.must = must;
        foreach (var position in marked)
        {
            if (!marks.TryGetValue(position.Block, out var list)) marks[position.Block] = list = [];
            list.Add(position.Index);
        }

        atEntry = new bool[graph.Blocks.Length];
        for (var i = 0; i < atEntry.Length; i++) atEntry[i] = must && graph.Blocks[i].Kind != BasicBlockKind.Exit;
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = atEntry.Length - 1; i >= 0; i--)
            {
                var block = graph.Blocks[i];
                var value = block.Kind != BasicBlockKind.Exit && (marks.ContainsKey(i) || Successors(block));
                if (value == atEntry[i]) continue;
                atEntry[i] = value;
                changed = true;
            }
        }
    }

    /// <summary>From just after the block operation at <paramref name="position"/>.</summary>
    internal bool From(BlockPosition position)
        => (marks.TryGetValue(position.Block, out var list) && list.Any(i => i > position.Index)) || Successors(graph.Blocks[position.Block]);

    private bool Successors(BasicBlock block)
    {
        var fallThrough = Follow(block.FallThroughSuccessor);
        if (block.ConditionKind == ControlFlowConditionKind.None) return fallThrough;
        var conditional = Follow(block.ConditionalSuccessor);
        return must ? fallThrough && conditional : fallThrough || conditional;
    }

    private bool Follow(ControlFlowBranch? branch)
    {
        if (branch is null) return false;
        if (branch.FinallyRegions.Any(region => marks.Keys.Any(b => b >= region.FirstBlockOrdinal && b <= region.LastBlockOrdinal))) return true;
        switch (branch.Semantics)
        {
            case ControlFlowBranchSemantics.Throw:
            case ControlFlowBranchSemantics.Rethrow:
            case ControlFlowBranchSemantics.ProgramTermination:
                return must;
            default:
                return branch.Destination is { } destination && atEntry[destination.Ordinal];
        }
    }
}
