using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers;

/// <summary>
/// The integer a flags or mode expression stands for when it can be known without running the program: compile-time
/// constants, and locals written once from such a value, combined with | &amp; ^ + - &lt;&lt; and ~.
/// </summary>
internal static class ConstantFolding
{
    private const int MaxDepth = 8;

    internal static bool TryFold(IOperation? operation, out long value) => TryFold(operation, 0, out value);

    private static bool TryFold(IOperation? operation, int depth, out long value)
    {
        value = 0;
        if (operation is null || depth > MaxDepth || operation is IInvalidOperation) return false;
        if (operation.ConstantValue.HasValue) return operation.TryGetInteger(out value);
        switch (operation)
        {
            case IConversionOperation { Operand: { } operand }:
                return TryFold(operand, depth, out value);
            case IParenthesizedOperation { Operand: { } inner }:
                return TryFold(inner, depth, out value);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.BitwiseNegation, Operand: { } negated } when TryFold(negated, depth, out var v):
                value = ~v;
                return true;
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus, Operand: { } negated } when TryFold(negated, depth, out var v):
                value = -v;
                return true;
            case IBinaryOperation binary when TryFold(binary.LeftOperand, depth, out var left) && TryFold(binary.RightOperand, depth, out var right):
                return TryCombine(binary.OperatorKind, left, right, out value);
            case ILocalReferenceOperation local when LocalWrites.TryGetSingleValue(local, out var assigned):
                return TryFold(assigned, depth + 1, out value);
            default:
                return false;
        }
    }

    private static bool TryCombine(BinaryOperatorKind kind, long left, long right, out long value)
    {
        value = kind switch
        {
            BinaryOperatorKind.Or => left | right,
            BinaryOperatorKind.And => left & right,
            BinaryOperatorKind.ExclusiveOr => left ^ right,
            BinaryOperatorKind.Add => left + right,
            BinaryOperatorKind.Subtract => left - right,
            BinaryOperatorKind.LeftShift when right is >= 0 and < 63 => left << (int)right,
            _ => long.MinValue,
        };
        return value != long.MinValue;
    }
}
