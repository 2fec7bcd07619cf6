using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>Interop code: libc externs with the program's own declaration of C's struct sembuf.</summary>
public sealed partial class IPC008ReleaseWhatYouAcquireTests
{
    private const string InteropSemaphore = """
        using System;
        using System.ComponentModel;
        using System.Runtime.InteropServices;

        static class Native
        {
            public const int SEM_UNDO = 0x1000, EINTR = 4;
            [StructLayout(LayoutKind.Sequential)] public struct sembuf { public ushort sem_num; public short sem_op; public short sem_flg; }
            [DllImport("libc", SetLastError = true)] public static extern int semop(int semid, sembuf[] sops, UIntPtr nsops);
        }

        sealed class SysVSemaphore
        {
            private readonly int id;
            public SysVSemaphore(int id) => this.id = id;

            public void Wait()
            {
                var ops = new[] { new Native.sembuf { sem_num = 0, sem_op = -1, sem_flg = Native.SEM_UNDO } };
                while (Native.semop(id, ops, (UIntPtr)1) == -1)
                {
                    int err = Marshal.GetLastWin32Error();
                    if (err != Native.EINTR) throw new Win32Exception(err);
                }
            }

            public void Release()
            {
                var ops = new[] { new Native.sembuf { sem_num = 0, sem_op = 1, sem_flg = Native.SEM_UNDO } };
                if (Native.semop(id, ops, (UIntPtr)1) == -1) throw new Win32Exception(Marshal.GetLastWin32Error());
            }
        }

        """;

    // Regression (real-code sweep): a Release helper that throws only when its own V failed was taken to throw
    // before releasing, so the classic try/finally around it was reported.
    [Fact]
    public Task Valid_InteropReleaseHelperThatThrowsOnlyWhenItsVFailed() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>(InteropSemaphore + """
        static class App
        {
            static void Run(SysVSemaphore sem, Action work)
            {
                sem.Wait();
                try
                {
                    work();
                }
                finally
                {
                    sem.Release();
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InteropLockLeakedByAThrowingCall() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>(InteropSemaphore + """
        static class App
        {
            static void Run(SysVSemaphore sem, Action work)
            {
                [|sem.Wait()|];
                work();
                sem.Release();
            }
        }
        """);
}
