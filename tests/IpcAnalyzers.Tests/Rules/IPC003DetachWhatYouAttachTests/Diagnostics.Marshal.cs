using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>Interop code: a Marshal read or write uses the address; it does not hand it to code we cannot see.</summary>
public sealed partial class IPC003DetachWhatYouAttachTests
{
    [Theory]
    [InlineData("Marshal.ReadInt32(addr)")]
    [InlineData("Marshal.Copy(addr, new byte[4], 0, 4)")]
    [InlineData("Marshal.PtrToStructure<long>(addr)")]
    public Task Diagnostic_MarshalReadIsAUseNotAnEscape(string read) => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>($$"""
        using System;
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", SetLastError = true)] static extern IntPtr shmat(int shmid, IntPtr shmaddr, int shmflg);
            [DllImport("libc", SetLastError = true)] static extern int shmdt(IntPtr shmaddr);

            static void M(int shmid)
            {
                IntPtr addr = [|shmat(shmid, IntPtr.Zero, 0)|];
                if (addr == new IntPtr(-1)) throw new InvalidOperationException();
                {{read}};
            }
        }
        """);

    [Fact]
    public Task Valid_MarshalReadThenExternShmdt() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
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
                try
                {
                    return Marshal.ReadInt32(addr);
                }
                finally
                {
                    _ = shmdt(addr);
                }
            }
        }
        """);
}
