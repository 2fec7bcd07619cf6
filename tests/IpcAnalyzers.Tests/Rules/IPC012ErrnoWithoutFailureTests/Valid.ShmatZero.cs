using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>shmat's address compared with 0 is IPC002's mistake: the errno read under it is not reported a second time.</summary>
public sealed partial class IPC012ErrnoWithoutFailureTests
{
    [Theory]
    [InlineData("addr == 0")]
    [InlineData("addr == System.IntPtr.Zero")]
    [InlineData("addr is 0")]
    [InlineData("!(addr != nint.Zero)")]
    public Task Valid_PerrorUnderShmatZeroTest_IsIpc002sBusiness(string test) => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>($$"""
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if ({{test}})
                {
                    perror("shmat");
                    return -1;
                }

                return shmdt(addr);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_PerrorAfterShmatSucceeded() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr != -1)
                {
                    [|perror("shmat")|];
                    return shmdt(addr);
                }

                return -1;
            }
        }
        """);
}
