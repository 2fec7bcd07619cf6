using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC001CheckResultTests
{
    [Theory]
    [InlineData("int id = shmget(key, ; ")]
    [InlineData("int id = shmget(key, 4096, 0) if (id == -1) return;")]
    [InlineData("var id = shmget(); id.")]
    [InlineData("nint p = shmat(undefined, 0, 0); _ = shmdt(p);")]
    [InlineData("switch (shmget(key, 1, 0)) { case -1: ")]
    [InlineData("try { _ = shmget(key, 1, 0); } catch (")]
    public Task Diagnostic_BrokenCode_NoException(string body) => Verify.BrokenCode<IPC001CheckResultAnalyzer>($$"""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                {{body}}
            }
        }
        """);
}
