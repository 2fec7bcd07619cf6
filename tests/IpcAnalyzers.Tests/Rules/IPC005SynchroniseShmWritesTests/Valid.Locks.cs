using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC005SynchroniseShmWritesTests
{
    [Fact]
    public Task Valid_CSharpLockStatement() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static readonly object Gate = new();

            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                lock (Gate)
                {
                    Mem.Write(p, 1);
                }

                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_MonitorEnterExit() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using System.Threading;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private readonly object gate = new();

            void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                Monitor.Enter(gate);
                try
                {
                    Mem.Write(p, 1);
                }
                finally
                {
                    Monitor.Exit(gate);
                }

                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_MutexWaitOneReleaseMutex() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using System.Threading;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, Mutex mutex)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                mutex.WaitOne();
                try
                {
                    Mem.Write(p, 1);
                }
                finally
                {
                    mutex.ReleaseMutex();
                }

                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_SemaphoreSlimWaitRelease() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using System.Threading;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private static readonly SemaphoreSlim Slim = new(1, 1);

            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                Slim.Wait();
                try
                {
                    Mem.Write(p, 1);
                }
                finally
                {
                    Slim.Release();
                }

                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_WriteAfterMonitorExit() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using System.Threading;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private readonly object gate = new();

            void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                lock (gate)
                {
                    Mem.Write(p, 1);
                }

                [|Mem.Write(p, 2)|];
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_DisposableLockGuard() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class SemGuard : IDisposable
        {
            private readonly int semid;

            public SemGuard(int semid)
            {
                this.semid = semid;
                while (semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1) == -1)
                {
                    if (errno != EINTR) throw new InvalidOperationException(strerror(errno));
                }
            }

            public void Dispose() => _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
        }

        class C
        {
            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                using (new SemGuard(semid))
                {
                    Mem.Write(p, 1);
                }

                using (var guard = new SemGuard(semid))
                {
                    Mem.Write(p, 2);
                }

                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_UsingDeclarationOfALockGuard() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class SemGuard : IDisposable
        {
            private readonly int semid;

            public SemGuard(int semid)
            {
                this.semid = semid;
                if (semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1) == -1) throw new InvalidOperationException(strerror(errno));
            }

            public void Dispose() => _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
        }

        class C
        {
            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                using var guard = new SemGuard(semid);
                Mem.Write(p, 1);
            }
        }
        """, "IPC005");
}
