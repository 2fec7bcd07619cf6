using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>Interop code: libc externs for shmat/shmdt/semop, Marshal for the accesses.</summary>
public sealed partial class IPC005SynchroniseShmWritesTests
{
    internal const string InteropNative = """
            [StructLayout(LayoutKind.Sequential)] public struct sembuf { public ushort sem_num; public short sem_op; public short sem_flg; }
            [DllImport("libc", SetLastError = true)] static extern IntPtr shmat(int shmid, IntPtr shmaddr, int shmflg);
            [DllImport("libc", SetLastError = true)] static extern int shmdt(IntPtr shmaddr);
            [DllImport("libc", SetLastError = true)] static extern int semop(int semid, sembuf[] sops, UIntPtr nsops);
        """;

    [Theory]
    [InlineData("Marshal.WriteInt32(addr, 42)")]
    [InlineData("Marshal.WriteInt64(addr, 8, 42L)")]
    [InlineData("Marshal.WriteByte(addr + 4, (byte)1)")]
    [InlineData("Marshal.Copy(new byte[] { 1, 2 }, 0, addr, 2)")]
    [InlineData("Marshal.StructureToPtr(new Header { Count = 1 }, addr, false)")]
    public Task Diagnostic_MarshalWriteThroughExternShmat_NoSemaphore(string write) => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using System;
        using System.Runtime.InteropServices;

        [StructLayout(LayoutKind.Sequential)] struct Header { public int Count; }

        static class Native
        {
        {{InteropNative}}

            static void M(int shmid)
            {
                IntPtr addr = shmat(shmid, IntPtr.Zero, 0);
                if (addr == new IntPtr(-1)) throw new InvalidOperationException(Marshal.GetLastPInvokeError().ToString());
                [|{{write}}|];
                if (shmdt(addr) == -1) throw new InvalidOperationException();
            }
        }
        """);

    [Theory]
    [InlineData("Marshal.ReadInt32(addr)")]
    [InlineData("Marshal.Copy(addr, new byte[2], 0, 2)")]
    [InlineData("Marshal.PtrToStructure<Header>(addr)")]
    public Task Valid_MarshalReadThroughExternShmat_IsNotAWrite(string read) => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using System;
        using System.Runtime.InteropServices;

        [StructLayout(LayoutKind.Sequential)] struct Header { public int Count; }

        static class Native
        {
        {{InteropNative}}

            static void M(int shmid)
            {
                IntPtr addr = shmat(shmid, IntPtr.Zero, 0);
                if (addr == new IntPtr(-1)) throw new InvalidOperationException();
                {{read}};
                if (shmdt(addr) == -1) throw new InvalidOperationException();
            }
        }
        """);

    [Fact]
    public Task Valid_MarshalWriteUnderAPThroughExternSemop() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using System;
        using System.Runtime.InteropServices;

        static class Native
        {
        {{InteropNative}}

            static void M(int shmid, int semid)
            {
                IntPtr addr = shmat(shmid, IntPtr.Zero, 0);
                if (addr == new IntPtr(-1)) throw new InvalidOperationException();
                var down = new[] { new sembuf { sem_num = 0, sem_op = -1, sem_flg = 0 } };
                var up = new[] { new sembuf { sem_num = 0, sem_op = 1, sem_flg = 0 } };
                if (semop(semid, down, (UIntPtr)1) == -1) throw new InvalidOperationException();
                try
                {
                    Marshal.WriteInt32(addr, Marshal.ReadInt32(addr) + 1);
                    Marshal.Copy(new byte[] { 1, 2 }, 0, addr + 4, 2);
                }
                finally
                {
                    _ = semop(semid, up, (UIntPtr)1);
                }

                if (shmdt(addr) == -1) throw new InvalidOperationException();
            }
        }
        """);

    [Fact]
    public Task Diagnostic_MarshalWriteAfterTheV() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using System;
        using System.Runtime.InteropServices;

        static class Native
        {
        {{InteropNative}}

            static void M(int shmid, int semid)
            {
                IntPtr addr = shmat(shmid, IntPtr.Zero, 0);
                if (addr == new IntPtr(-1)) throw new InvalidOperationException();
                var down = new[] { new sembuf { sem_num = 0, sem_op = -1, sem_flg = 0 } };
                var up = new[] { new sembuf { sem_num = 0, sem_op = 1, sem_flg = 0 } };
                if (semop(semid, down, (UIntPtr)1) == -1) throw new InvalidOperationException();
                Marshal.WriteInt32(addr, 1);
                _ = semop(semid, up, (UIntPtr)1);
                [|Marshal.WriteInt32(addr, 4, 2)|];
                if (shmdt(addr) == -1) throw new InvalidOperationException();
            }
        }
        """);
}
