using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>Branch conditions: which tracked results a condition tests, and which way it goes when they are -1.</summary>
internal sealed partial class ResultCheckAnalysis
{
    private bool TryGetCondition(IOperation condition, ResultState state, out ImmutableHashSet<TrackedResult> tested, out bool trueWhenFailed)
    {
        tested = None;
        trueWhenFailed = false;
        switch (condition.WithoutConversions())
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: { } operand }:
                if (!TryGetCondition(operand, state, out tested, out var inner)) return false;
                trueWhenFailed = !inner;
                return true;
            case IBinaryOperation binary when Comparisons.IsComparison(binary.OperatorKind):
                {
                    var left = ValuesOf(binary.LeftOperand, state).Remove(TrackedResult.Errno);
                    var right = ValuesOf(binary.RightOperand, state).Remove(TrackedResult.Errno);
                    if (!Comparisons.TryGetTest(binary, left, right, out tested, out var constant, out var value)) return false;
                    if (Comparisons.IsAddressZeroTest(binary.OperatorKind, constant, tested)) return false;
                    if (value is not { } c) return false;
                    var kind = Comparisons.Normalise(binary, trackedOnLeft: ReferenceEquals(tested, left));
                    trueWhenFailed = Comparisons.Evaluate(kind, -1, c);
                    return true;
                }

            case IIsPatternOperation isPattern:
                {
                    tested = ValuesOf(isPattern.Value, state).Remove(TrackedResult.Errno);
                    if (tested.IsEmpty || Patterns.Matches(isPattern.Pattern, -1) is not { } matches) return false;
                    if (Patterns.IsZeroTest(isPattern.Pattern) && Comparisons.IsAddress(tested)) return false;
                    trueWhenFailed = matches;
                    return true;
                }

            case IInvocationOperation invocation:
                {
                    var summary = summaries.Peek(invocation.TargetMethod);
                    if (summary?.PredicateWhenFailed is not { } whenFailed) return false;
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter is { } parameter && summary.Checks(parameter.Ordinal))
                        {
                            tested = ValuesOf(argument.Value, state).Remove(TrackedResult.Errno);
                            if (!tested.IsEmpty)
                            {
                                trueWhenFailed = whenFailed;
                                return true;
                            }
                        }
                    }

                    return false;
                }

            default:
                return false;
        }
    }
}
