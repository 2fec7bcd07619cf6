using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC008ReleaseWhatYouAcquireTests
{
    private const string LockHelpers = """
        static class Locks
        {
            public static int Lock(int semid)
            {
                var p = new[] { new IpcSim.Sembuf(0, -1, IpcSim.Libc.SEM_UNDO) };
                while (IpcSim.Libc.semop(semid, p, 1) == -1)
                {
                    if (IpcSim.Libc.errno != IpcSim.Libc.EINTR) return -1;
                }

                return 0;
            }

            public static int Unlock(int semid) => IpcSim.Libc.semop(semid, new[] { new IpcSim.Sembuf(0, 1, IpcSim.Libc.SEM_UNDO) }, 1);
        }
        """;

    private const string Guard = """
        sealed class SemGuard : System.IDisposable
        {
            private readonly int semid;

            public SemGuard(int semid)
            {
                this.semid = semid;
                if (IpcSim.Libc.semop(semid, new[] { new IpcSim.Sembuf(0, -1, IpcSim.Libc.SEM_UNDO) }, 1) == -1)
                {
                    throw new System.InvalidOperationException("semop P");
                }
            }

            public void Dispose() => IpcSim.Libc.semop(semid, new[] { new IpcSim.Sembuf(0, 1, IpcSim.Libc.SEM_UNDO) }, 1);
        }
        """;

    [Fact]
    public Task Valid_LockUnlockHelpersWithFinally() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;

        class C
        {
            static int Run(int semid, Action work)
            {
                if (Locks.Lock(semid) == -1) return -1;
                try
                {
                    work();
                }
                finally
                {
                    Locks.Unlock(semid);
                }

                return 0;
            }
        }
        """ + LockHelpers);

    [Fact]
    public Task Valid_LockHelperAcquiresForItsCaller() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        class C
        {
            static int Enter(int semid) => Locks.Lock(semid);
        }
        """ + LockHelpers);

    [Fact]
    public Task Valid_UsingDeclarationOfGuard() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;

        class C
        {
            static void Run(int semid, Action work)
            {
                using var guard = new SemGuard(semid);
                work();
            }
        }
        """ + Guard);

    [Fact]
    public Task Valid_UsingStatementOfGuard() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;

        class C
        {
            static void Run(int semid, Action work)
            {
                using (new SemGuard(semid))
                {
                    work();
                }
            }
        }
        """ + Guard);

    [Fact]
    public Task Valid_WrapperWithAcquireAndRelease() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class Mutex
        {
            private static readonly Sembuf[] Down = { new Sembuf(0, -1, SEM_UNDO) };
            private static readonly Sembuf[] Up = { new Sembuf(0, 1, SEM_UNDO) };
            private readonly int semid;

            public Mutex(int semid) => this.semid = semid;

            public void Acquire()
            {
                if (semop(semid, Down, 1) == -1) throw new InvalidOperationException("P");
            }

            public void Release() => semop(semid, Up, 1);
        }

        class C
        {
            static void Run(Mutex mutex, Action work)
            {
                mutex.Acquire();
                try
                {
                    work();
                }
                finally
                {
                    mutex.Release();
                }
            }
        }
        """);

    [Fact]
    public Task Valid_CheckHelperThrowsOnlyWhenPFailed() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Check(int r, string what)
            {
                if (r == -1) throw new InvalidOperationException(what);
                return r;
            }

            static void Run(int semid, Action work)
            {
                Check(semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1), "P");
                try
                {
                    work();
                }
                finally
                {
                    Check(semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1), "V");
                }
            }
        }
        """);

    [Fact]
    public Task Valid_PAndVHelpersWithSemaphoreNumber() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            const int Mutex = 2;

            static void P(int semid, int n) => semop(semid, new[] { new Sembuf(n, -1, SEM_UNDO) }, 1);

            static void V(int semid, int n) => semop(semid, new[] { new Sembuf(n, 1, SEM_UNDO) }, 1);

            static void Run(int semid, Action work)
            {
                P(semid, Mutex);
                try
                {
                    work();
                }
                finally
                {
                    V(semid, Mutex);
                }
            }
        }
        """);

    [Fact]
    public Task Valid_TryLockBoolHelper() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static bool TryLock(int semid) => semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO | IPC_NOWAIT) }, 1) != -1;

            static void Unlock(int semid) => semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);

            static bool Run(int semid, Action work)
            {
                if (!TryLock(semid)) return false;
                try
                {
                    work();
                }
                finally
                {
                    Unlock(semid);
                }

                return true;
            }
        }
        """);

    [Fact]
    public Task Valid_FieldSemaphoreInClassWithDispose() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class Counter : IDisposable
        {
            private readonly int semid;
            private readonly int[] counts;

            public Counter(int semid, int[] counts)
            {
                this.semid = semid;
                this.counts = counts;
            }

            public void Add(Action audit)
            {
                if (semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1) == -1) return;
                try
                {
                    audit();
                    counts[0]++;
                }
                finally
                {
                    semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                }
            }

            public void Dispose() => semctl(semid, 0, IPC_RMID);
        }
        """);
}
