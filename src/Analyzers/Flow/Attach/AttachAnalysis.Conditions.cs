using System.Collections.Immutable;
using IpcAnalyzers.Flow.ResultCheck;
using IpcAnalyzers.Flow.Cfg;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>
/// Branch conditions: on the side where a test says the address is shmat's (void*)-1, nothing was attached. The
/// tests are read as IPC001 reads them (<see cref="Comparisons"/>, <see cref="Patterns"/>, helper predicates), and a
/// test against 0 or null counts as the (mistaken) failure test that IPC002 reports.
/// </summary>
internal sealed partial class AttachAnalysis
{
    /// <summary>An address shmat may return on success, to tell a failure test from any other comparison.</summary>
    private const long SomeAddress = 0x10000;

    private BlockOutput<AttachFlowState> Branch(BasicBlock block, IOperation branchValue, AttachFlowState state)
    {
        if (!TryGetCondition(branchValue, state, out var tested, out var trueWhenFailed))
        {
            return new BlockOutput<AttachFlowState>(state, state);
        }

        var conditionalIsFailure = trueWhenFailed == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
        var failure = state;
        foreach (var attachment in tested) failure = failure.WithPaths(attachment, AttachPaths.None);
        return conditionalIsFailure
            ? new BlockOutput<AttachFlowState>(state, failure)
            : new BlockOutput<AttachFlowState>(failure, state);
    }

    /// <summary>Which attachments a condition tests for failure, and whether it is true when they failed.</summary>
    internal bool TryGetCondition(IOperation condition, AttachFlowState state, out ImmutableHashSet<Attachment> tested, out bool trueWhenFailed)
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
                    var left = ValuesOf(binary.LeftOperand, state);
                    long constant = 0;
                    var onLeft = !left.IsEmpty && IsConstant(binary.RightOperand, out constant);
                    var right = onLeft ? None : ValuesOf(binary.RightOperand, state);
                    if (!onLeft && (right.IsEmpty || !IsConstant(binary.LeftOperand, out constant))) return false;
                    tested = onLeft ? left : right;
                    var kind = Comparisons.Normalise(binary, trackedOnLeft: onLeft);
                    return SeparatesFailure(
                        Comparisons.Evaluate(kind, -1, constant),
                        Comparisons.Evaluate(kind, 0, constant),
                        Comparisons.Evaluate(kind, SomeAddress, constant),
                        out trueWhenFailed);
                }

            case IIsPatternOperation isPattern:
                {
                    tested = ValuesOf(isPattern.Value, state);
                    if (tested.IsEmpty) return false;
                    if (Patterns.Matches(isPattern.Pattern, -1) is not { } failed
                        || Patterns.Matches(isPattern.Pattern, 0) is not { } zero
                        || Patterns.Matches(isPattern.Pattern, SomeAddress) is not { } success)
                    {
                        return false;
                    }

                    return SeparatesFailure(failed, zero, success, out trueWhenFailed);
                }

            case IInvocationOperation invocation:
                return TryGetPredicate(invocation, state, out tested, out trueWhenFailed);
            default:
                return false;
        }
    }

    /// <summary>A bool helper: <c>Failed(addr)</c> (its result-check summary), or <c>TryAttach(id, out addr)</c>.</summary>
    private bool TryGetPredicate(IInvocationOperation invocation, AttachFlowState state, out ImmutableHashSet<Attachment> tested, out bool trueWhenFailed)
    {
        tested = None;
        trueWhenFailed = false;
        if (outSites.TryGetValue(invocation, out var made)
            && summaries.Get(invocation.TargetMethod, hasTrackedArguments: false, cancellationToken)?.TrueWhenAttached is { } trueWhenAttached)
        {
            tested = made;
            trueWhenFailed = !trueWhenAttached;
            return true;
        }

        if (summaries.ResultChecks.Get(invocation.TargetMethod, hasTrackedArguments: true, cancellationToken) is not { PredicateWhenFailed: { } whenFailed } check) return false;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || !check.Checks(parameter.Ordinal)) continue;
            tested = ValuesOf(argument.Value, state);
            if (tested.IsEmpty) continue;
            trueWhenFailed = whenFailed;
            return true;
        }

        return false;
    }

    /// <summary>
    /// The test tells the failure apart: -1 and a real address go different ways (<c>== -1</c>, <c>&lt; 0</c>,
    /// <c>is not -1</c>), or else 0 and a real address do (<c>== 0</c>, <c>== IntPtr.Zero</c>: the IPC002 mistake).
    /// </summary>
    private static bool SeparatesFailure(bool whenMinusOne, bool whenZero, bool whenAddress, out bool trueWhenFailed)
    {
        trueWhenFailed = whenMinusOne != whenAddress ? whenMinusOne : whenZero;
        return whenMinusOne != whenAddress || whenZero != whenAddress;
    }

    private static bool IsConstant(IOperation operand, out long value)
    {
        if (operand.TryGetInteger(out value)) return true;
        value = 0;
        return operand.IsNullLiteral();
    }
}
