using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Summaries;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IpcAnalyzers.Tests.Flow;

public sealed class MethodSummaryTests
{
    [Fact]
    public void ThrowingCheck_ChecksAndGuards()
    {
        var s = Summary("static int Check(int r, string what) { if (r == -1) throw new System.Exception(what); return r; }", "Check");
        Assert.True(s.Checks(0));
        Assert.True(s.Guards(0));
        Assert.False(s.Checks(1));
        Assert.False(s.NeverReturns);
    }

    [Fact]
    public void BoolPredicate_ChecksWithoutGuarding_AndKnowsItsAnswer()
    {
        var s = Summary("static bool Ok(int r) => r != -1;", "Ok");
        Assert.True(s.Checks(0));
        Assert.False(s.Guards(0));
        Assert.False(s.PredicateWhenFailed);
    }

    [Fact]
    public void EarlyReturnWithFalse_PredicateFromLiterals()
    {
        var s = Summary("static bool Failed(int r) { if (r < 0) return true; return false; }", "Failed");
        Assert.True(s.Checks(0));
        Assert.True(s.PredicateWhenFailed);
    }

    [Fact]
    public void Die_NeverReturns()
    {
        var s = Summary("static void Die(string m) { perror(m); exit(1); }", "Die");
        Assert.True(s.NeverReturns);
    }

    [Fact]
    public void ReturnsResult_HandsTheDutyToTheCaller()
    {
        var s = Summary("static int Create(int key) => shmget(key, 4096, IPC_CREAT);", "Create");
        Assert.NotNull(s.ReturnedResult);
        Assert.Equal(IpcFunction.shmget, s.ReturnedResult!.Function);
    }

    [Fact]
    public void CStyleHelper_ReturnsMinusOneOnFailure()
    {
        var s = Summary("static int Open(int key) { int id = msgget(key, 0); if (id == -1) { perror(\"msgget\"); return -1; } return id; }", "Open");
        Assert.Equal(IpcFunction.msgget, s.ReturnedResult?.Function);
    }

    [Fact]
    public void PassesParameterToIpcCall_UsesIt()
    {
        var s = Summary("static void Remove(int id) { _ = shmctl(id, IPC_RMID, null); }", "Remove");
        Assert.True(s.UsesUnchecked(0));
        Assert.False(s.Checks(0));
    }

    [Fact]
    public void Recursion_IsCutOff()
    {
        var s = Summary("static int F(int r) => r == 0 ? 0 : F(r - 1) + shmdt(0);", "F");
        Assert.NotNull(s);
    }

    private static MethodSummary Summary(string member, string name)
    {
        var source = $$"""
            using static IpcSim.Libc;

            static class H
            {
                {{member}}
            }
            """;
        var compilation = TestCompilation.Create([source]);
        Verify.AssertCompiles(compilation);
        var known = KnownSymbols.Create(compilation)!;
        var method = compilation.GetSymbolsWithName(name, SymbolFilter.Member).OfType<IMethodSymbol>().Single();
        return new MethodSummaries(known).Get(method, hasTrackedArguments: true, CancellationToken.None);
    }
}
