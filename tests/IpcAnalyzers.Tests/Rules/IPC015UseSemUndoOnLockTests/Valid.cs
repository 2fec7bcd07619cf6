using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC015UseSemUndoOnLockTests
{
    [Fact]
    public Task Valid_LockWithSemUndo() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Bump(int semid, int[] counter)
            {
                semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1);
                counter[0]++;
                semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_SemUndoWithNowait() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static bool TryBump(int semid, int[] counter)
            {
                if (semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO | IPC_NOWAIT) }, 1) == -1) return false;
                counter[0]++;
                semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                return true;
            }
        }
        """);

    [Fact]
    public Task Valid_ProducerConsumerCountingSemaphores() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            const int Empty = 0, Full = 1;

            static void Produce(int semid, int[] ring, int item)
            {
                semop(semid, new[] { new Sembuf(Empty, -1, 0) }, 1);
                ring[0] = item;
                semop(semid, new[] { new Sembuf(Full, 1, 0) }, 1);
            }

            static int Consume(int semid, int[] ring)
            {
                semop(semid, new[] { new Sembuf(Full, -1, 0) }, 1);
                var item = ring[0];
                semop(semid, new[] { new Sembuf(Empty, 1, 0) }, 1);
                return item;
            }
        }
        """);

    [Fact]
    public Task Valid_TakingTwoUnitsIsNotMutexStyle() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void TakePair(int semid, int[] slots)
            {
                semop(semid, new[] { new Sembuf(0, -2, 0) }, 1);
                slots[0] += 2;
                semop(semid, new[] { new Sembuf(0, 2, 0) }, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_CountingSemaphoreInitialisedToFive() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class Pool
        {
            private readonly int semid;

            public Pool(int key)
            {
                semid = semget(key, 1, IPC_CREAT | IPC_EXCL | 0b110_000_000);
                if (semid != -1) semctl(semid, 0, SETVAL, 5);
            }

            public void Take() => semop(semid, new[] { new Sembuf(0, -1, 0) }, 1);
        }
        """);

    [Fact]
    public Task Valid_StartGateInitialisedToZero() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Gate()
            {
                int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0b110_000_000);
                if (id != -1) semctl(id, 0, SETVAL, 0);
                return id;
            }

            static void WaitForStart(int gate) => semop(gate, new[] { new Sembuf(0, -1, 0) }, 1);
        }
        """);

    [Fact]
    public Task Valid_FlagsNotKnown() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Bump(int semid, int[] counter, int flags)
            {
                semop(semid, new[] { new Sembuf(0, -1, flags) }, 1);
                counter[0]++;
                semop(semid, new[] { new Sembuf(0, 1, flags) }, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_UnreadableSembufsOnTheSameSemid() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Bump(int semid, int[] counter, Sembuf[] release)
            {
                semop(semid, new[] { new Sembuf(0, -1, 0) }, 1);
                counter[0]++;
                semop(semid, new[] { new Sembuf(0, 1, 0) }, 1);
                semop(semid, release, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_NothingInOtherFilesOfMistakes() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Locked(int semid, Action update)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                while (semop(semid, p, 1) == -1)
                {
                    if (errno != EINTR) return -1;
                }

                update();
                return semop(semid, v, 1);
            }
        }
        """);
}
