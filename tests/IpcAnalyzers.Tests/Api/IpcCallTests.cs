using IpcAnalyzers.Api;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Tests.Api;

public sealed class IpcCallTests
{
    [Fact]
    public void KnownSymbols_WithoutIpcSimOrExterns_IsNull()
    {
        var compilation = TestCompilation.Create(["class C { void Run() { } void M() { System.Console.WriteLine(); } }"], withIpcSim: false);
        Assert.Null(KnownSymbols.Create(compilation));
    }

    [Fact]
    public void KnownSymbols_WithIpcSim_ResolvesTypes()
    {
        var known = KnownSymbols.Create(TestCompilation.Create(["class C { }"]))!;
        Assert.NotNull(known.Libc);
        Assert.NotNull(known.Errno);
        Assert.NotNull(known.Sembuf);
        Assert.NotNull(known.MsgBuf);
        Assert.False(known.MayDeclareLibcExterns);
    }

    [Theory]
    [InlineData("shmget(1, 4096, IPC_CREAT)", "shmget")]
    [InlineData("IpcSim.Libc.semop(1, new Sembuf[0], 0)", "semop")]
    [InlineData("semctl(1, 0, SETVAL, 1)", "semctl")]
    [InlineData("msgrcv(1, new MsgBuf(), 0, 0, 0)", "msgrcv")]
    [InlineData("waitpid(-1, out _, WNOHANG)", "waitpid")]
    public void TryMatch_LibcMembers(string call, string expected)
    {
        var (found, _) = MatchFirst($"using IpcSim; using static IpcSim.Libc; class C {{ void M() {{ _ = {call}; }} }}");
        Assert.Equal(expected, found!.Value.Name);
        Assert.False(found.Value.IsExtern);
    }

    [Fact]
    public void TryMatch_NonIpcCall_IsFalse()
    {
        var (found, _) = MatchFirst("using static IpcSim.Libc; class C { static int shmget(int a, long b, int c) => 0; void M() { _ = shmget(1, 2, 3); _ = getpid(); } }");
        Assert.Equal(IpcFunction.getpid, found!.Value.Function);
    }

    [Fact]
    public void TryMatch_DllImportExtern_ByNameAndByEntryPoint()
    {
        var source = """
            using System.Runtime.InteropServices;
            static class Native
            {
                [DllImport("libc", SetLastError = true)] public static extern int shmget(int key, nint size, int flags);
                [DllImport("libc.so.6", EntryPoint = "shmat")] public static extern nint Attach(int id, nint at, int flags);
                [DllImport("kernel32")] public static extern int close(int fd);
                static void M() { _ = shmget(1, 2, 3); _ = Attach(1, 0, 0); _ = close(1); }
            }
            """;
        var compilation = TestCompilation.Create([source], withIpcSim: false);
        var known = KnownSymbols.Create(compilation)!;
        Assert.Null(known.Libc);
        var matches = Invocations(compilation).Select(i => IpcCall.TryMatch(i, known, out var c) ? c.Function : IpcFunction.None).ToArray();
        Assert.Equal([IpcFunction.shmget, IpcFunction.shmat, IpcFunction.None], matches);
    }

    [Fact]
    public void TryMatch_LibraryImport()
    {
        var source = """
            using System.Runtime.InteropServices;
            static partial class Native
            {
                [LibraryImport("libc", EntryPoint = "semget", SetLastError = true)] public static partial int SemGet(int key, int n, int flags);
                static int M() => SemGet(1, 1, 0);
            }
            static partial class Native { public static partial int SemGet(int key, int n, int flags) => 0; }
            """;
        var compilation = TestCompilation.Create([source], withIpcSim: false);
        var known = KnownSymbols.Create(compilation)!;
        var call = Invocations(compilation).Single();
        Assert.True(IpcCall.TryMatch(call, known, out var match));
        Assert.Equal(IpcFunction.semget, match.Function);
        Assert.True(match.IsExtern);
    }

    [Fact]
    public void Argument_ByCParameterName_ForLibcAndExterns()
    {
        var (found, _) = MatchFirst("using IpcSim; using static IpcSim.Libc; class C { void M() { _ = msgsnd(7, new MsgBuf(), 8, IPC_NOWAIT); } }");
        Assert.Equal(IpcConstants.IPC_NOWAIT, (int)found!.Value.Argument("msgflg")!.ConstantValue.Value!);
        Assert.Equal(7, (int)found.Value.Argument("msqid")!.ConstantValue.Value!);

        var source = """
            using System.Runtime.InteropServices;
            static class Native
            {
                [DllImport("c")] public static extern int semop(int id, nint ops, nuint count);
                static void M() { _ = semop(5, 0, 1); }
            }
            """;
        var compilation = TestCompilation.Create([source], withIpcSim: false);
        Assert.True(IpcCall.TryMatch(Invocations(compilation).Single(), KnownSymbols.Create(compilation)!, out var extern_));
        Assert.Equal(5, (int)extern_.Argument("semid")!.ConstantValue.Value!);
        Assert.Null(extern_.Argument("nosuch"));
    }

    private static (IpcCall? Call, KnownSymbols Known) MatchFirst(string source)
    {
        var compilation = TestCompilation.Create([source]);
        Verify.AssertCompiles(compilation);
        var known = KnownSymbols.Create(compilation)!;
        foreach (var invocation in Invocations(compilation))
        {
            if (IpcCall.TryMatch(invocation, known, out var call)) return (call, known);
        }

        return (null, known);
    }

    private static IEnumerable<IInvocationOperation> Invocations(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (model.GetOperation(node) is IInvocationOperation invocation) yield return invocation;
            }
        }
    }
}
