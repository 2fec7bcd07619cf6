using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC008ReleaseWhatYouAcquireTests
{
    private const string LockWrapper = """
        using System;
        using System.ComponentModel;
        using System.Runtime.InteropServices;

        [StructLayout(LayoutKind.Sequential)]
        public struct sembuf { public ushort sem_num; public short sem_op; public short sem_flg; }

        static class Native
        {
            public const int IPC_CREAT = 0x200, IPC_RMID = 0, SETVAL = 16, SEM_UNDO = 0x1000, EINTR = 4;
            [DllImport("libc", SetLastError = true)] public static extern int semget(int key, int nsems, int semflg);
            [DllImport("libc", SetLastError = true)] public static extern int semop(int semid, sembuf[] sops, nuint nsops);
            [DllImport("libc", SetLastError = true)] public static extern int semctl(int semid, int semnum, int cmd, int val);
        }

        public sealed class SemaphoreLock : IDisposable
        {
            private readonly int semid;

            public SemaphoreLock()
            {
                semid = Native.semget(0, 1, Native.IPC_CREAT | 0b110_000_000);
                if (semid < 0) throw new Win32Exception(Marshal.GetLastPInvokeError());
                if (Native.semctl(semid, 0, Native.SETVAL, 1) < 0)
                {
                    int err = Marshal.GetLastPInvokeError();
                    _ = Native.semctl(semid, 0, Native.IPC_RMID, 0);
                    throw new Win32Exception(err);
                }
            }

            public void Acquire()
            {
                var op = new[] { new sembuf { sem_num = 0, sem_op = -1, sem_flg = Native.SEM_UNDO } };
                while (Native.semop(semid, op, 1) == -1)
                {
                    int err = Marshal.GetLastPInvokeError();
                    if (err != Native.EINTR) throw new Win32Exception(err);
                }
            }

            public void Release()
            {
                var op = new[] { new sembuf { sem_num = 0, sem_op = 1, sem_flg = Native.SEM_UNDO } };
                if (Native.semop(semid, op, 1) == -1) throw new Win32Exception(Marshal.GetLastPInvokeError());
            }

            public void Dispose()
            {
                if (Native.semctl(semid, 0, Native.IPC_RMID, 0) == -1) throw new Win32Exception(Marshal.GetLastPInvokeError());
            }
        }

        """;

    // Regression (real-code sweep): a disposable lock wrapper used with `using var`, Acquire() before the try and
    // Release() in its finally. Acquire throws only when its own P failed, so its exception path holds nothing.
    [Fact]
    public Task Valid_UsingDeclaredLockWrapper_AcquireHelperThatThrowsOnlyWhenItsPFailed() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>(LockWrapper + """
        public static class Counter
        {
            public static void Run(nint address)
            {
                using var gate = new SemaphoreLock();
                gate.Acquire();
                try
                {
                    int v = Marshal.ReadInt32(address);
                    Marshal.WriteInt32(address, v + 1);
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        """);

    // The exception from work() runs an inner finally that does not release, then the using's Dispose: still a leak.
    [Fact]
    public Task Diagnostic_UsingDeclaredLockWrapper_InnerFinallyWithoutRelease() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>(LockWrapper + """
        public static class Counter
        {
            public static void Run(Action work)
            {
                using var gate = new SemaphoreLock();
                [|gate.Acquire()|];
                try
                {
                    work();
                }
                finally
                {
                    Console.WriteLine("done");
                }

                gate.Release();
            }
        }
        """);
}
