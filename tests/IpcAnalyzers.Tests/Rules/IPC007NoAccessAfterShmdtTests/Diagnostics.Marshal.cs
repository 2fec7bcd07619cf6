using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>Interop code: libc externs for shmat/shmdt, Marshal for the accesses.</summary>
public sealed partial class IPC007NoAccessAfterShmdtTests
{
    [Theory]
    [InlineData("Marshal.ReadInt32(addr)")]
    [InlineData("Marshal.ReadInt64(addr, 8)")]
    [InlineData("Marshal.WriteInt32(addr, 1)")]
    [InlineData("Marshal.Copy(addr, new byte[4], 0, 4)")]
    [InlineData("Marshal.Copy(new byte[4], 0, addr + 4, 4)")]
    [InlineData("Marshal.PtrToStructure<long>(addr)")]
    public Task Diagnostic_MarshalAccessAfterExternShmdt(string access) => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>($$"""
        using System;
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", SetLastError = true)] static extern IntPtr shmat(int shmid, IntPtr shmaddr, int shmflg);
            [DllImport("libc", SetLastError = true)] static extern int shmdt(IntPtr shmaddr);

            static void M(int shmid)
            {
                IntPtr addr = shmat(shmid, IntPtr.Zero, 0);
                if (addr == new IntPtr(-1)) throw new InvalidOperationException();
                if (shmdt(addr) == -1) throw new InvalidOperationException();
                [|{{access}}|];
            }
        }
        """);

    [Fact]
    public Task Valid_MarshalAccessBeforeExternShmdt() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using System;
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", SetLastError = true)] static extern IntPtr shmat(int shmid, IntPtr shmaddr, int shmflg);
            [DllImport("libc", SetLastError = true)] static extern int shmdt(IntPtr shmaddr);

            static int M(int shmid)
            {
                IntPtr addr = shmat(shmid, IntPtr.Zero, 0);
                if (addr == new IntPtr(-1)) throw new InvalidOperationException();
                int value = Marshal.ReadInt32(addr);
                var copy = new byte[4];
                Marshal.Copy(addr, copy, 0, 4);
                if (shmdt(addr) == -1) throw new InvalidOperationException();
                return value + copy[0];
            }
        }
        """);
}
