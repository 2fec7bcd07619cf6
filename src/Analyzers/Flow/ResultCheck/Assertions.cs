using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>What a test framework's assertion does with its arguments.</summary>
internal enum AssertionKind
{
    /// <summary>Not an assertion.</summary>
    None,

    /// <summary>Assert.True / IsTrue(condition, message…): passes when the condition is true; the message is only shown when it fails.</summary>
    IsTrue,

    /// <summary>Assert.False / IsFalse(condition, message…).</summary>
    IsFalse,

    /// <summary>Assert.Equal / AreEqual(expected, actual, …): after it, the two are equal.</summary>
    AreEqual,

    /// <summary>Assert.NotEqual / AreNotEqual(notExpected, actual, …).</summary>
    AreNotEqual,

    /// <summary>Any other assertion: it compares or displays its arguments, it does not use them as ids or lengths.</summary>
    Other,
}

/// <summary>
/// Assertions of xUnit, NUnit and MSTest (a type named Assert in their namespaces), recognised by symbol. Test code
/// checks results with them: <c>Assert.Equal(0, close(fd))</c> compares the result with a constant and throws otherwise.
/// </summary>
internal static class Assertions
{
    internal static AssertionKind Classify(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null || type.Name != "Assert" || !IsTestFramework(type.ContainingNamespace)) return AssertionKind.None;
        return method.Name switch
        {
            "True" or "IsTrue" => AssertionKind.IsTrue,
            "False" or "IsFalse" => AssertionKind.IsFalse,
            "Equal" or "AreEqual" => AssertionKind.AreEqual,
            "NotEqual" or "AreNotEqual" => AssertionKind.AreNotEqual,
            _ => AssertionKind.Other,
        };
    }

    private static bool IsTestFramework(INamespaceSymbol? ns) => ns?.ToDisplayString() is "Xunit" or "NUnit.Framework" or "NUnit.Framework.Legacy"
        or "Microsoft.VisualStudio.TestTools.UnitTesting";
}
