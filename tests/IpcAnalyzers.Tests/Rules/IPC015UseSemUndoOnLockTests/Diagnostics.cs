using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC015UseSemUndoOnLockTests
{
    [Fact]
    public Task Diagnostic_LockWithoutSemUndo_Sample() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int WithLock(int semid, Action work)
            {
                var p = new[] { new Sembuf(0, -1, 0) };
                var v = new[] { new Sembuf(0, 1, 0) };
                while ([|semop(semid, p, 1)|] == -1)
                {
                    if (errno != EINTR) return -1;
                }

                try
                {
                    work();
                    return 0;
                }
                finally
                {
                    _ = semop(semid, v, 1);
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InlinePAndV() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Bump(int semid, int[] counter)
            {
                [|semop(semid, new[] { new Sembuf(0, -1, 0) }, 1)|];
                counter[0]++;
                semop(semid, new[] { new Sembuf(0, 1, 0) }, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CollectionExpression() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Bump(int semid, int[] counter)
            {
                Sembuf[] p = [new Sembuf(3, -1, 0)];
                [|semop(semid, p, 1)|];
                counter[0]++;
                semop(semid, [new Sembuf(3, 1, 0)], 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ObjectInitialiserWithoutSemFlg() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Bump(int semid, int[] counter)
            {
                [|semop(semid, new[] { new Sembuf { sem_num = 0, sem_op = -1 } }, 1)|];
                counter[0]++;
                semop(semid, new[] { new Sembuf { sem_num = 0, sem_op = 1 } }, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ElementByElementArray() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Bump(int semid, int[] counter)
            {
                var ops = new Sembuf[1];
                ops[0].sem_num = 0;
                ops[0].sem_op = -1;
                ops[0].sem_flg = 0;
                [|semop(semid, ops, 1)|];
                counter[0]++;
                ops[0].sem_op = 1;
                semop(semid, ops, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_NowaitWithoutUndo() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static bool TryBump(int semid, int[] counter)
            {
                if ([|semop(semid, new[] { new Sembuf(0, -1, IPC_NOWAIT) }, 1)|] == -1) return false;
                counter[0]++;
                semop(semid, new[] { new Sembuf(0, 1, 0) }, 1);
                return true;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_StaticReadonlyFields() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static readonly Sembuf[] Lock = { new Sembuf(0, -1, 0) };
            static readonly Sembuf[] Unlock = { new Sembuf(0, 1, 0) };

            static void Bump(int semid, int[] counter)
            {
                [|semop(semid, Lock, 1)|];
                counter[0]++;
                semop(semid, Unlock, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_Semtimedop() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static bool Bump(int semid, int[] counter)
            {
                if ([|semtimedop(semid, new[] { new Sembuf(0, -1, 0) }, 1, new Timespec(2, 0))|] == -1) return false;
                counter[0]++;
                semop(semid, new[] { new Sembuf(0, 1, 0) }, 1);
                return true;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_TwoLocksInOneSemopReportedOnce() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Transfer(int semid, int[] accounts)
            {
                [|semop(semid, new[] { new Sembuf(0, -1, 0), new Sembuf(1, -1, 0) }, 2)|];
                accounts[0]--;
                accounts[1]++;
                semop(semid, new[] { new Sembuf(0, 1, 0), new Sembuf(1, 1, 0) }, 2);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InLambda() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static Action Bumper(int semid, int[] counter) => () =>
            {
                [|semop(semid, new[] { new Sembuf(0, -1, 0) }, 1)|];
                counter[0]++;
                semop(semid, new[] { new Sembuf(0, 1, 0) }, 1);
            };
        }
        """);

    [Fact]
    public Task Diagnostic_InitialisedToOneWithSetval() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class Shared
        {
            private readonly int semid;

            public Shared(int key)
            {
                semid = semget(key, 1, IPC_CREAT | IPC_EXCL | 0b110_000_000);
                if (semid != -1) semctl(semid, 0, SETVAL, 1);
            }

            public void Enter() => [|semop(semid, new[] { new Sembuf(0, -1, 0) }, 1)|];
        }
        """);

    [Fact]
    public Task Diagnostic_InitialisedToOneWithSetallElsewhere() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            const int Mutex = 0, Items = 1;

            static int Create()
            {
                int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0b110_000_000);
                if (id != -1) semctl(id, 0, SETALL, new ushort[] { 1, 0 });
                return id;
            }

            static void Enter(int semid) => [|semop(semid, new[] { new Sembuf(Mutex, -1, 0) }, 1)|];

            static void TakeItem(int semid) => semop(semid, new[] { new Sembuf(Items, -1, 0) }, 1);
        }
        """);
}
