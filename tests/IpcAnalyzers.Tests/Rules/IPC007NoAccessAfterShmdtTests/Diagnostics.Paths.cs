using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC007NoAccessAfterShmdtTests
{
    [Fact]
    public Task Diagnostic_DetachedOnOneBranch() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid, bool early)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                if (early) _ = shmdt(addr);
                return [|Mem.Read<int>(addr)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_NextLoopIterationWithoutReattach() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return;
                for (int i = 0; i < 3; i++)
                {
                    [|Mem.Write<int>(addr, i)|];
                    _ = [|shmdt(addr)|];
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_AfterFinallyDetached() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                try
                {
                    Mem.Write<int>(addr, 1);
                }
                finally
                {
                    _ = shmdt(addr);
                }

                return [|Mem.Read<int>(addr)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InSwitchArmAfterDetach() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid, int mode)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                _ = shmdt(addr);
                switch (mode)
                {
                    case 0: return 0;
                    default: return [|Mem.Read<int>(addr)|];
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InLambdaBody() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid) => fork(() =>
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return 1;
                _ = shmdt(addr);
                [|Mem.Write<int>(addr, 1)|];
                return 0;
            });
        }
        """);

    [Fact]
    public Task Diagnostic_LocalFunctionDetachedCapturedAddress() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                Cleanup();
                return [|Mem.Read<int>(addr)|];

                void Cleanup() => _ = shmdt(addr);
            }
        }
        """);
}
