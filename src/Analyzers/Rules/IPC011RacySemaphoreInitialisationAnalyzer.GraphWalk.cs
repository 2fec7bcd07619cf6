using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Rules;

public sealed partial class IPC011RacySemaphoreInitialisationAnalyzer
{
    /// <summary>
    /// One control flow graph: from each assignment of a racy id to a local, does every successful path reach a
    /// SETVAL/SETALL of that local before the local is reassigned or the body ends? Paths on which the id, or any other
    /// result, was found to be -1 (<c>== -1</c>, <c>&lt; 0</c>, <c>is -1</c>) and paths that throw are error paths, not
    /// successful ones; any other condition (<c>if (isServer)</c>) makes the initialisation conditional.
    /// </summary>
    private sealed class GraphWalk
    {
        private readonly ControlFlowGraph graph;
        private readonly RacySources sources;
        private readonly CancellationToken cancellationToken;
        private readonly Dictionary<BasicBlock, List<IOperation>> events = new();

        internal GraphWalk(ControlFlowGraph graph, RacySources sources, CancellationToken cancellationToken)
        {
            this.graph = graph;
            this.sources = sources;
            this.cancellationToken = cancellationToken;
        }

        internal IEnumerable<(IOperation Semget, IOperation Init)> RacyInitialisations()
        {
            foreach (var block in graph.Blocks)
            {
                var blockEvents = Events(block);
                for (var i = 0; i < blockEvents.Count; i++)
                {
                    switch (blockEvents[i])
                    {
                        case IInvocationOperation init when InitialisedId(init, sources.Known)?.WithoutConversions() is IInvocationOperation inline
                            && sources.Resolve(inline, 0, cancellationToken) is { } semget:
                            yield return (semget, init);
                            break;
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var local } } assignment
                            when sources.Resolve(assignment.Value, 0, cancellationToken) is { } racy
                                && EveryPathInitialises(block, i + 1, local, out var first):
                            yield return (racy, first!);
                            break;
                    }
                }
            }
        }

        /// <summary>Assignments to locals and semctl initialisations, in execution order (branch value last).</summary>
        private List<IOperation> Events(BasicBlock block)
        {
            if (events.TryGetValue(block, out var list)) return list;
            list = [];
            var roots = block.BranchValue is null ? block.Operations : block.Operations.Add(block.BranchValue);
            foreach (var operation in roots.SelectMany(o => o.DescendantsAndSelf()))
            {
                if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation }
                    || (operation is IInvocationOperation invocation && InitialisedId(invocation, sources.Known) is not null))
                {
                    list.Add(operation);
                }
            }

            events[block] = list;
            return list;
        }

        private bool EveryPathInitialises(BasicBlock start, int index, ILocalSymbol local, out IOperation? firstInit)
        {
            firstInit = null;
            var visited = new HashSet<BasicBlock>();
            var pending = new Stack<(BasicBlock Block, int Index)>();
            pending.Push((start, index));
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (block, from) = pending.Pop();
                var outcome = Scan(block, from, local);
                if (outcome is IInvocationOperation init)
                {
                    firstInit ??= init;
                    continue;
                }

                if (outcome is not null) return false; // reassigned before any initialisation
                if (block.Kind == BasicBlockKind.Exit) return false;
                foreach (var next in SuccessfulSuccessors(block))
                {
                    if (next.Destination is null)
                    {
                        if (next.Semantics is ControlFlowBranchSemantics.Throw or ControlFlowBranchSemantics.Rethrow) continue;
                        return false;
                    }

                    if (visited.Add(next.Destination)) pending.Push((next.Destination, 0));
                }
            }

            return firstInit is not null;
        }

        /// <summary>The first initialisation of, or assignment to, the local in the block from <paramref name="from"/>; null if neither.</summary>
        private IOperation? Scan(BasicBlock block, int from, ILocalSymbol local)
        {
            var blockEvents = Events(block);
            for (var i = from; i < blockEvents.Count; i++)
            {
                switch (blockEvents[i])
                {
                    case IInvocationOperation init when InitialisedId(init, sources.Known)?.WithoutConversions() is ILocalReferenceOperation id
                        && SymbolEqualityComparer.Default.Equals(id.Local, local):
                        return init;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                        when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        return assignment;
                }
            }

            return null;
        }

        /// <summary>The successors, without the branch taken when the block has just found the id to be -1.</summary>
        private static IEnumerable<ControlFlowBranch> SuccessfulSuccessors(BasicBlock block)
        {
            var conditional = block.ConditionalSuccessor;
            var fallThrough = block.FallThroughSuccessor;
            if (conditional is not null && block.BranchValue is { } test && FailsWhenTrue(test) is { } failsWhenTrue)
            {
                var jumpsOnFailure = (block.ConditionKind == ControlFlowConditionKind.WhenTrue) == failsWhenTrue;
                var success = jumpsOnFailure ? fallThrough : conditional;
                return success is null ? [] : [success];
            }

            return new[] { fallThrough, conditional }.Where(b => b is not null)!;
        }

        /// <summary>True for <c>x == -1</c>-like tests, false for <c>x != -1</c>-like ones, null for anything else.</summary>
        private static bool? FailsWhenTrue(IOperation test)
        {
            // Any failure test counts, not only the id's: a path on which some call failed is an error path.
            static bool IsId(IOperation o) => !o.ConstantValue.HasValue;
            switch (test.WithoutConversions())
            {
                case IBinaryOperation binary:
                    IOperation constant;
                    var kind = binary.OperatorKind;
                    if (IsId(binary.LeftOperand)) constant = binary.RightOperand;
                    else if (IsId(binary.RightOperand)) { constant = binary.LeftOperand; kind = Mirror(kind); }
                    else return null;
                    if (!constant.TryGetInteger(out var number)) return null;
                    return (kind, number) switch
                    {
                        (BinaryOperatorKind.Equals, -1) or (BinaryOperatorKind.LessThan, 0) or (BinaryOperatorKind.LessThanOrEqual, -1) => true,
                        (BinaryOperatorKind.NotEquals, -1) or (BinaryOperatorKind.GreaterThanOrEqual, 0) or (BinaryOperatorKind.GreaterThan, -1) => false,
                        _ => null,
                    };
                case IIsPatternOperation { Value: var tested, Pattern: var pattern } when IsId(tested):
                    return pattern switch
                    {
                        IConstantPatternOperation { Value: var c } when c.TryGetInteger(out var v) && v == -1 => true,
                        INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var c } } when c.TryGetInteger(out var v) && v == -1 => false,
                        IRelationalPatternOperation { OperatorKind: BinaryOperatorKind.LessThan, Value: var c } when c.TryGetInteger(out var v) && v == 0 => true,
                        _ => null,
                    };
                default:
                    return null;
            }
        }

        private static BinaryOperatorKind Mirror(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
            _ => kind,
        };
    }
}
