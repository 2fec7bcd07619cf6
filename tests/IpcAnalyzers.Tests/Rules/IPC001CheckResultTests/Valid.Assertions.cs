using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>Test code checks results with assertions: comparing with a constant is a check, and passing to Assert is not a use.</summary>
public sealed partial class IPC001CheckResultTests
{
    /// <summary>A stand-in for xUnit's Assert (the analysis recognises the type by its name and namespace).</summary>
    internal const string XunitAssert = """
        namespace Xunit
        {
            public static class Assert
            {
                public static void Equal<T>(T expected, T actual) { }
                public static void NotEqual<T>(T expected, T actual) { }
                public static void True(bool condition, string? userMessage = null) { }
                public static void False(bool condition, string? userMessage = null) { }
                public static void InRange<T>(T actual, T low, T high) { }
            }
        }
        """;

    [Theory]
    [InlineData("Assert.Equal(0, shmctl(id, IPC_RMID, null));")]
    [InlineData("Assert.Equal(-1, shmctl(id, IPC_RMID, null));")]
    [InlineData("Assert.NotEqual(-1, shmctl(id, IPC_RMID, null));")]
    [InlineData("Assert.True(shmctl(id, IPC_RMID, null) != -1);")]
    [InlineData("Assert.InRange(shmctl(id, IPC_RMID, null), 0, 10);")]
    public Task Valid_ResultAsserted(string assertion) => Verify.Analyzer<IPC001CheckResultAnalyzer>([$$"""
        using Xunit;
        using static IpcSim.Libc;

        class C
        {
            static void M(int id)
            {
                {{assertion}}
            }
        }
        """, XunitAssert]);

    [Theory]
    [InlineData("Assert.NotEqual(-1, id);")]
    [InlineData("Assert.True(id >= 0, \"shmget failed\");")]
    [InlineData("Assert.False(id == -1);")]
    public Task Valid_AssertedThenUsed(string assertion) => Verify.Analyzer<IPC001CheckResultAnalyzer>([$$"""
        using Xunit;
        using static IpcSim.Libc;

        class C
        {
            static nint M(int key)
            {
                var id = shmget(key, 4096, 0);
                {{assertion}}
                return shmat(id, 0, 0);
            }
        }
        """, XunitAssert]);

    [Fact]
    public Task Diagnostic_AssertedSomethingElseThenUsed() => Verify.Analyzer<IPC001CheckResultAnalyzer>([$$"""
        using Xunit;
        using static IpcSim.Libc;

        class C
        {
            static nint M(int key, int expected)
            {
                var id = [|shmget(key, 4096, 0)|];
                Assert.Equal(expected, key);
                return shmat(id, 0, 0);
            }
        }
        """, XunitAssert]);

    [Fact]
    public Task Diagnostic_NotAnAssertType() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        static class Assert
        {
            public static void Equal(int expected, int actual)
            {
                var buffer = new byte[actual];
                System.Console.WriteLine(buffer.Length == expected);
            }
        }

        class C
        {
            static void M(int id) => Assert.Equal(0, [|shmctl(id, IPC_RMID, null)|]);
        }
        """);
}
