using System.Collections.Immutable;
using IpcAnalyzers.Flow.Cfg;
using IpcAnalyzers.Flow.ResultCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.IdLifetime;

/// <summary>
/// Branches on the get call's result: on the side where the id is -1 there is no object to remove. A test counts
/// when it tells -1 apart from every id (== -1, &lt; 0, is -1, is not &gt;= 0, a bool helper that checks it).
/// </summary>
internal sealed partial class IdLifetimeAnalysis
{
    /// <summary>Ids that a valid object may have, to see whether a test gives the same answer for all of them.</summary>
    private static readonly long[] SuccessSamples = [0, 1, 2, 3, 100, 32768, int.MaxValue];

    private BlockOutput<IdState> Branch(BasicBlock block, IOperation branchValue, IdState state)
    {
        var test = EvalCondition(branchValue, ref state);
        if (state.IsUnreachable || test is null) return new BlockOutput<IdState>(state, state);
        var (tested, trueWhenFailed) = test.Value;
        var conditionalWhen = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
        var failure = OnSide(state, tested, failed: true);
        var success = OnSide(state, tested, failed: false);
        return trueWhenFailed == conditionalWhen
            ? new BlockOutput<IdState>(success, failure)
            : new BlockOutput<IdState>(failure, success);
    }

    private static IdState OnSide(IdState state, ImmutableHashSet<Creation> tested, bool failed)
    {
        foreach (var creation in tested)
        {
            var status = state.StatusOf(creation);
            if (status == CreationStatus.None) continue;
            if (failed)
            {
                if ((status & CreationStatus.Live) != 0) status = (status & ~CreationStatus.Live) | CreationStatus.Failed;
            }
            else if ((status & ~CreationStatus.Failed) != CreationStatus.None)
            {
                status &= ~CreationStatus.Failed;
            }

            state = state.WithStatus(creation, status);
        }

        return state;
    }

    /// <summary>Evaluates the condition; when it tests created ids for failure, returns them and the condition's value when they are -1.</summary>
    private (ImmutableHashSet<Creation> Tested, bool TrueWhenFailed)? EvalCondition(IOperation condition, ref IdState state)
    {
        switch (condition.WithoutConversions())
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return EvalCondition(not.Operand, ref state) is { } inner ? (inner.Tested, !inner.TrueWhenFailed) : null;
            case IBinaryOperation binary when Comparisons.IsComparison(binary.OperatorKind):
                {
                    var left = Eval(binary.LeftOperand, ref state);
                    var right = Eval(binary.RightOperand, ref state);
                    if (Created(left) is { IsEmpty: false } l && binary.RightOperand.TryGetInteger(out var c))
                    {
                        return Separates(v => Comparisons.Evaluate(binary.OperatorKind, v, c), l);
                    }

                    if (Created(right) is { IsEmpty: false } r && binary.LeftOperand.TryGetInteger(out var d))
                    {
                        var kind = Comparisons.Normalise(binary, trackedOnLeft: false);
                        return Separates(v => Comparisons.Evaluate(kind, v, d), r);
                    }

                    return null;
                }

            case IIsPatternOperation isPattern:
                {
                    var value = Eval(isPattern.Value, ref state);
                    AssignPatternDeclarations(isPattern.Pattern, value, ref state);
                    var tested = Created(value);
                    return tested.IsEmpty ? null : Separates(v => Patterns.Matches(isPattern.Pattern, v), tested);
                }

            case IInvocationOperation invocation when invocation.TargetMethod.ReturnType.SpecialType == SpecialType.System_Boolean:
                {
                    EvalInvocation(invocation, ref state, out var arguments);
                    if (state.IsUnreachable || summaries.PredicateWhenFailed(invocation.TargetMethod, cancellationToken) is not { } whenFailed) return null;
                    var tested = ImmutableHashSet<Creation>.Empty;
                    foreach (var values in arguments) tested = tested.Union(Created(values));
                    return tested.IsEmpty ? null : (tested, whenFailed);
                }

            default:
                Eval(condition, ref state);
                return null;
        }
    }

    private static ImmutableHashSet<Creation> Created(ImmutableHashSet<IdValue> values)
    {
        var result = ImmutableHashSet<Creation>.Empty;
        foreach (var value in values)
        {
            if (value.Creation is { } creation) result = result.Add(creation);
        }

        return result;
    }

    private static (ImmutableHashSet<Creation>, bool)? Separates(System.Func<long, bool?> test, ImmutableHashSet<Creation> tested)
    {
        if (test(-1) is not { } atFailure) return null;
        foreach (var sample in SuccessSamples)
        {
            if (test(sample) != !atFailure) return null;
        }

        return (tested, atFailure);
    }
}
