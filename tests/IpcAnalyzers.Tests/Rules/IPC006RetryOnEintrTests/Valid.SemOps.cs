using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>A V-only semop (every sem_op &gt; 0) never blocks: the sem_op values decide, not sem_flg (semop(2)).</summary>
public sealed partial class IPC006RetryOnEintrTests
{
    [Theory]
    [InlineData("new Sembuf(0, 1, flags)")]
    [InlineData("new Sembuf(0, 2, flags | SEM_UNDO)")]
    [InlineData("new Sembuf { sem_num = 0, sem_op = 1, sem_flg = (short)flags }")]
    [InlineData("new Sembuf(0, 1, flags), new Sembuf(1, 1, 0)")]
    public Task Valid_VOnlyWithFlagsNotConstant(string sembufs) => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Post(int semid, int flags)
            {
                var v = new[] { {{sembufs}} };
                if (semop(semid, v, 1) == -1)
                {
                    perror("semop V");
                    return -1;
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_VOnlyHelperWithFlagsParameter_Caller() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int V(int semid, int flags) => semop(semid, new[] { new Sembuf(0, 1, flags) }, 1);

            static int M(int semid)
            {
                if (V(semid, SEM_UNDO) == -1)
                {
                    perror("V");
                    return 1;
                }

                return 0;
            }
        }
        """);

    [Theory]
    [InlineData("new Sembuf(0, -1, flags)")]
    [InlineData("new Sembuf(0, 0, flags)")]
    [InlineData("new Sembuf(0, 1, 0), new Sembuf(1, -1, flags)")]
    [InlineData("new Sembuf(0, op, IPC_NOWAIT)")]
    public Task Diagnostic_MayWaitWithFlagsOrOpNotConstant(string sembufs) => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Wait(int semid, int op, int flags)
            {
                var ops = new[] { {{sembufs}} };
                if ([|semop(semid, ops, 1)|] == -1)
                {
                    perror("semop");
                    return -1;
                }

                return 0;
            }
        }
        """);

    // Regression (real-code sweep): a V through interop code's own struct sembuf was not read, so it was taken to block.
    [Fact]
    public Task Valid_VOnlySemopWithTheProgramsOwnSembufStruct() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using System;
        using System.ComponentModel;
        using System.Runtime.InteropServices;

        static class Native
        {
            public const int SEM_UNDO = 0x1000;
            [StructLayout(LayoutKind.Sequential)] public struct sembuf { public ushort sem_num; public short sem_op; public short sem_flg; }
            [DllImport("libc", SetLastError = true)] public static extern int semop(int semid, sembuf[] sops, UIntPtr nsops);

            public static void Release(int id)
            {
                var ops = new[] { new sembuf { sem_num = 0, sem_op = 1, sem_flg = SEM_UNDO } };
                if (semop(id, ops, (UIntPtr)1) == -1) throw new Win32Exception(Marshal.GetLastWin32Error());
            }
        }
        """);
}
