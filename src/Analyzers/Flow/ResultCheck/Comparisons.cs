using System.Collections.Immutable;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>Which comparisons test a result for failure, and which way they go when it is -1.</summary>
internal static class Comparisons
{
    internal static bool IsComparison(BinaryOperatorKind kind) => kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
        or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
        or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;

    /// <summary>
    /// A tracked value on one side and a known integer (or null) on the other. The kind is normalised so that the
    /// tracked value is on the left: <c>-1 == r</c> reads as <c>r == -1</c>, <c>0 &gt; r</c> as <c>r &lt; 0</c>.
    /// </summary>
    internal static bool TryGetTest(
        IBinaryOperation binary,
        ImmutableHashSet<TrackedResult> left,
        ImmutableHashSet<TrackedResult> right,
        out ImmutableHashSet<TrackedResult> tested,
        out IOperation constant,
        out long? value)
    {
        tested = left;
        constant = binary.RightOperand;
        value = null;
        if (!left.IsEmpty && IsKnown(binary.RightOperand, out value)) return true;
        tested = right;
        constant = binary.LeftOperand;
        return !right.IsEmpty && IsKnown(binary.LeftOperand, out value);
    }

    /// <summary>The operator as seen with the tracked value on the left.</summary>
    internal static BinaryOperatorKind Normalise(IBinaryOperation binary, bool trackedOnLeft) => trackedOnLeft
        ? binary.OperatorKind
        : binary.OperatorKind switch
        {
            BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
            var same => same,
        };

    /// <summary>
    /// A comparison with a constant that separates -1 from success: <c>== -1</c>, <c>!= -1</c>, <c>&lt; 0</c>,
    /// <c>&gt;= 0</c>, <c>&gt; 0</c> (a read loop), <c>!= 0</c> (C's <c>if (close(fd))</c>). For fork, <c>== 0</c>
    /// only picks the child.
    /// </summary>
    internal static bool IsFailureTest(BinaryOperatorKind kind, long constant, ImmutableHashSet<TrackedResult> results)
    {
        if (kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals)
        {
            if (constant < 0) return true;
            if (constant != 0) return false;
            foreach (var result in results)
            {
                if (result.Function == IpcFunction.fork) return false;
            }

            return true;
        }

        return constant <= 0;
    }

    /// <summary>
    /// shmat's address compared with 0 or null: IPC002's mistake. The programmer meant it as the failure test, so the
    /// branch says nothing the errno and EINTR analysis can use (judging errno on it would report the mistake twice).
    /// </summary>
    internal static bool IsAddressZeroTest(BinaryOperatorKind kind, IOperation constant, ImmutableHashSet<TrackedResult> tested)
        => kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
           && ((constant.TryGetInteger(out var value) && value == 0) || constant.IsNullLiteral())
           && IsAddress(tested);

    /// <summary>Some of the values are shmat's address.</summary>
    internal static bool IsAddress(ImmutableHashSet<TrackedResult> tested)
    {
        foreach (var result in tested)
        {
            if (result.Function == IpcFunction.shmat) return true;
        }

        return false;
    }

    /// <summary>The truth of <c>value op constant</c> (tracked value on the left).</summary>
    internal static bool Evaluate(BinaryOperatorKind kind, long value, long constant) => kind switch
    {
        BinaryOperatorKind.Equals => value == constant,
        BinaryOperatorKind.NotEquals => value != constant,
        BinaryOperatorKind.LessThan => value < constant,
        BinaryOperatorKind.LessThanOrEqual => value <= constant,
        BinaryOperatorKind.GreaterThan => value > constant,
        BinaryOperatorKind.GreaterThanOrEqual => value >= constant,
        _ => false,
    };

    private static bool IsKnown(IOperation operand, out long? value)
    {
        value = null;
        if (operand.TryGetInteger(out var v))
        {
            value = v;
            return true;
        }

        return operand.IsNullLiteral();
    }
}
