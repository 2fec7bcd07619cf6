using IpcAnalyzers.Flow.ResultCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>Reading <c>is</c> patterns over integers: <c>is -1</c>, <c>is not -1</c>, <c>is &lt; 0</c>, <c>is var r and not -1</c>.</summary>
internal static class Patterns
{
    /// <summary>Does the pattern match <paramref name="value"/>? Null when it cannot be read.</summary>
    internal static bool? Matches(IPatternOperation pattern, long value)
    {
        switch (pattern)
        {
            case IConstantPatternOperation constant:
                return constant.Value.TryGetInteger(out var c) ? value == c : constant.Value.IsNullLiteral() ? false : null;
            case IRelationalPatternOperation relational:
                return relational.Value.TryGetInteger(out var r) ? Comparisons.Evaluate(relational.OperatorKind, value, r) : null;
            case INegatedPatternOperation negated:
                return !Matches(negated.Pattern, value);
            case IBinaryPatternOperation binary:
                {
                    var left = Matches(binary.LeftPattern, value);
                    var right = Matches(binary.RightPattern, value);
                    if (binary.OperatorKind == BinaryOperatorKind.Or) return left == true || right == true ? true : left is null || right is null ? null : false;
                    return left == false || right == false ? false : left is null || right is null ? null : true;
                }

            case IDeclarationPatternOperation:
            case IDiscardPatternOperation:
            case ITypePatternOperation:
                return true;
            default:
                return null;
        }
    }

    /// <summary>Does the pattern tell <paramref name="value"/> apart from other values (<c>is EINTR</c>, <c>is not EINTR</c>)?</summary>
    internal static bool Distinguishes(IPatternOperation pattern, long value)
        => Matches(pattern, value) is { } at && Matches(pattern, value + 1000) is { } elsewhere && at != elsewhere;

    /// <summary>Tells 0 apart from both -1 and 1 (<c>is 0</c>, <c>is not null</c>): a test for zero, not for -1.</summary>
    internal static bool IsZeroTest(IPatternOperation pattern)
        => Matches(pattern, 0) is { } zero && Matches(pattern, -1) is { } minusOne && Matches(pattern, 1) is { } one
           && zero != minusOne && minusOne == one;

    /// <summary>Contains a constant or relational test that separates -1 from success (a constant ≤ 0).</summary>
    internal static bool ContainsFailureTest(IPatternOperation pattern)
    {
        foreach (var node in pattern.DescendantsAndSelf())
        {
            switch (node)
            {
                case IConstantPatternOperation constant when constant.Value.TryGetInteger(out var c) && c <= 0:
                case IConstantPatternOperation nullConstant when nullConstant.Value.IsNullLiteral():
                case IRelationalPatternOperation relational when relational.Value.TryGetInteger(out var r) && r <= 0:
                    return true;
            }
        }

        return false;
    }
}
