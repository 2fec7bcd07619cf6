using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Meta;

/// <summary>Every analyzer survives half-typed and broken code without throwing (IDisposableAnalyzers' AllAnalyzersValid).</summary>
public sealed class SyntaxErrorTests
{
    public static TheoryData<string> Corpus() => new(
        "using static IpcSim.Libc; class C { void M() { int id = shmget(",
        "using static IpcSim.Libc; class C { void M() { nint p = shmat(1, 0, 0); if (p == ) } }",
        "using static IpcSim.Libc; class C { void M() { do { int r = semop(1, null, 1) } while (r == -1 && errno == EINTR) } }",
        "using static IpcSim.Libc; class C { int M() => shmget(1, 4096, IPC_CREAT | ) ; }",
        "using static IpcSim.Libc; class C { void M() { switch (fork(() => 0)) { case -1: perror(\"fork\"); case 0: } } }",
        "using static IpcSim.Libc; class C { void M() { try { close(1); } catch { perror( } finally { close(2) } } }",
        "using static IpcSim.Libc; class C { void M() { var x = () => shmdt(; } }",
        "using static IpcSim.Libc; class C { void M() { int r = nosuch(1); if (r == -1) perror(\"x\"); } }",
        "using static IpcSim.Libc; class C { void M() { foreach (var k in ) { msgget(k, 0); } } }",
        "using static IpcSim.Libc; class C { void M() { errno = ; if (errno == EINTR) { } } }",
        "using static IpcSim.Libc; class C { void M() { Local(); int Local() => msgsnd(1, null, 8, IPC_NOWAIT } }",
        "using static IpcSim.Libc; class C { void M() { (int a, int b) = (shmget(1, 1, 0), ); } }",
        "using static IpcSim.Libc; class C { void M() { if (shmget(1, 1, 0) is var id and not -1) shmctl(id, IPC_RMID, } }",
        "using static IpcSim.Libc; class C { C() : this(shmget(1, 1, 0)) { } C(int id) { } }",
        "using static IpcSim.Libc; class C { int f = shmget(1, 1, 0); int P => shmdt(0); }",
        "using static IpcSim.Libc; shmget(1, 1, 0); if (errno == 4) return; perror(",
        "using System.Runtime.InteropServices; static class N { [DllImport(\"libc\")] static extern int close(int); static void M() { close(1); } }",
        "class C { void M() { int x = ; } }",
        "using static IpcSim.Libc; class C { async System.Threading.Tasks.Task M() { await System.Threading.Tasks.Task.Yield(); close(1); } }",
        "using static IpcSim.Libc; class C { System.Collections.Generic.IEnumerable<int> M() { yield return shmget(1, 1, 0); close(1); } }");

    [Theory]
    [MemberData(nameof(Corpus))]
    public Task AllAnalyzers_SurviveBrokenCode(string source) => Verify.NoAnalyzerException(source, CodeFixConventionTests.AllAnalyzers());
}
