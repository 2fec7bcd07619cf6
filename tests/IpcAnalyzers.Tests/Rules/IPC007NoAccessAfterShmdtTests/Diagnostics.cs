using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Flow;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC007NoAccessAfterShmdtTests
{
    [Fact]
    public async Task Diagnostic_MistakesFolder_ExactlyTheAnnotatedLines()
    {
        var (reported, annotated) = await MistakesSamples.RunAsync(new IPC007NoAccessAfterShmdtAnalyzer(), "IPC007");
        Assert.Equal(annotated, reported);
        Assert.NotEmpty(annotated);
    }

    [Fact]
    public Task Diagnostic_MistakesSample_ReadAfterDetach() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        internal static class IPC007
        {
            internal static int ReadAfterDetach(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                if (shmdt(addr) == -1) return -1;
                return [|Mem.Read<int>(addr)|]; // IPC007
            }
        }
        """);
}
