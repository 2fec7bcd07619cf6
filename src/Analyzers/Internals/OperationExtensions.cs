using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers;

/// <summary>Small questions about operations that several rules ask.</summary>
internal static class OperationExtensions
{
    /// <summary>Strips conversions (implicit and explicit) and parentheses the operation tree keeps.</summary>
    internal static IOperation WithoutConversions(this IOperation operation)
    {
        var current = operation;
        while (true)
        {
            switch (current)
            {
                case IConversionOperation { Operand: { } operand }:
                    current = operand;
                    continue;
                case IParenthesizedOperation { Operand: { } inner }:
                    current = inner;
                    continue;
                default:
                    return current;
            }
        }
    }

    /// <summary>
    /// The integer the expression stands for when the compiler or a simple reading knows it:
    /// constants, <c>(nint)(-1)</c>, <c>new IntPtr(-1)</c>, <c>IntPtr.Zero</c>, <c>nint.Zero</c>, <c>default</c>.
    /// </summary>
    internal static bool TryGetInteger(this IOperation? operation, out long value)
    {
        value = 0;
        if (operation is null) return false;
        if (operation.ConstantValue is { HasValue: true, Value: { } constant } && TryToLong(constant, out value)) return true;
        switch (operation)
        {
            case IConversionOperation { Operand: { } operand }:
                return operand.TryGetInteger(out value);
            case IParenthesizedOperation { Operand: { } inner }:
                return inner.TryGetInteger(out value);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus, Operand: { } negated } when negated.TryGetInteger(out var positive):
                value = -positive;
                return true;
            case IObjectCreationOperation { Constructor: { } ctor, Arguments.Length: 1 } creation
                when IsPointerSized(ctor.ContainingType):
                return creation.Arguments[0].Value.TryGetInteger(out value);
            case IFieldReferenceOperation { Field: { Name: "Zero", IsStatic: true } field } when IsPointerSized(field.ContainingType):
                return true;
            case IDefaultValueOperation { Type: { } type } when type.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_UInt64 || IsPointerSized(type):
                return true;
            default:
                return false;
        }
    }

    /// <summary>True for the literal <c>null</c> (possibly converted).</summary>
    internal static bool IsNullLiteral(this IOperation operation)
        => operation.WithoutConversions() is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };

    internal static bool IsPointerSized(this ITypeSymbol? type)
        => type?.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr;

    private static bool TryToLong(object constant, out long value)
    {
        switch (constant)
        {
            case int i: value = i; return true;
            case long l: value = l; return true;
            case short s: value = s; return true;
            case sbyte sb: value = sb; return true;
            case byte b: value = b; return true;
            case ushort us: value = us; return true;
            case uint ui: value = ui; return true;
            case ulong ul when ul <= long.MaxValue: value = (long)ul; return true;
            case char c: value = c; return true;
            default: value = 0; return false;
        }
    }
}
