using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC005SynchroniseShmWritesTests
{
    private const string LockHelpers = """
            static void Lock(int semid)
            {
                var down = new[] { new Sembuf(0, -1, SEM_UNDO) };
                while (semop(semid, down, 1) == -1)
                {
                    if (errno != EINTR) throw new System.InvalidOperationException(strerror(errno));
                }
            }

            static void Unlock(int semid) => _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
        """;

    [Fact]
    public Task Valid_LockUnlockHelpers() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{LockHelpers}}

            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                Lock(semid);
                try
                {
                    Mem.Write(p, 1);
                }
                finally
                {
                    Unlock(semid);
                }

                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_HelperWritesThroughParameter_CalledUnderTheLock() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{LockHelpers}}

            static void Put(nint shm, int v) => Mem.Write(shm, v);

            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                Lock(semid);
                Put(p, 1);
                Put(p + 4, 2);
                Unlock(semid);
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_HelperTakesTheLockItself() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{LockHelpers}}

            static void Put(nint shm, int semid, int v)
            {
                Lock(semid);
                try
                {
                    Mem.Write(shm, v);
                }
                finally
                {
                    Unlock(semid);
                }
            }

            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                Put(p, semid, 1);
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_WrapperClassWritesItsFieldUnderItsOwnLock() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class SharedCounter : IDisposable
        {
            private readonly nint region;
            private readonly int semid;

            public SharedCounter(int shmid, int semid)
            {
                this.semid = semid;
                region = shmat(shmid, 0, 0);
                if (region == -1) throw new InvalidOperationException(strerror(errno));
            }

            public void Increment()
            {
                Acquire();
                try
                {
                    Mem.Write(region, Mem.Read<int>(region) + 1);
                }
                finally
                {
                    Release();
                }
            }

            public void Dispose() => _ = shmdt(region);

            private void Acquire()
            {
                if (semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1) == -1) throw new InvalidOperationException(strerror(errno));
            }

            private void Release() => _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
        }
        """);

    [Fact]
    public Task Valid_LambdaPassedToForkTakesTheLock() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{LockHelpers}}

            static void Produce(nint ring, int semid)
            {
                Lock(semid);
                Mem.Write(ring, 1);
                Unlock(semid);
            }

            static int M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                int pid = fork(() => Produce(p, semid));
                if (pid == -1) return -1;
                Lock(semid);
                Mem.Write(p + 4, 2);
                Unlock(semid);
                _ = waitpid(pid, out _, 0);
                return shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_InitHelperCalledBeforeFork() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Init(nint region)
            {
                for (int i = 0; i < 4; i++) Mem.Write(region + i * 4, 0);
            }

            static int M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                Init(p);
                int pid = fork(() => Mem.Read<int>(p));
                if (pid == -1) return -1;
                _ = waitpid(pid, out _, 0);
                return shmdt(p);
            }
        }
        """);
}
