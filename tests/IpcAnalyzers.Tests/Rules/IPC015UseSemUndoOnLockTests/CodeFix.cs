using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC015UseSemUndoOnLockTests
{
    [Fact]
    public Task CodeFix_AddsSemUndoToPAndV() => Verify.CodeFix<IPC015UseSemUndoOnLockAnalyzer, IPC015UseSemUndoOnLockCodeFix>("""
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
        """, """
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int WithLock(int semid, Action work)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                while (semop(semid, p, 1) == -1)
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
        """, IPC015UseSemUndoOnLockCodeFix.EquivalenceKey);

    [Fact]
    public Task CodeFix_KeepsNowaitAndQualifiesWithoutUsingStatic() => Verify.CodeFix<IPC015UseSemUndoOnLockAnalyzer, IPC015UseSemUndoOnLockCodeFix>("""
        using IpcSim;

        class C
        {
            static bool TryBump(int semid, int[] counter)
            {
                if ([|Libc.semop(semid, new[] { new Sembuf(0, -1, Libc.IPC_NOWAIT) }, 1)|] == -1) return false;
                counter[0]++;
                Libc.semop(semid, new[] { new Sembuf(0, 1, 0) }, 1);
                return true;
            }
        }
        """, """
        using IpcSim;

        class C
        {
            static bool TryBump(int semid, int[] counter)
            {
                if (Libc.semop(semid, new[] { new Sembuf(0, -1, Libc.IPC_NOWAIT | Libc.SEM_UNDO) }, 1) == -1) return false;
                counter[0]++;
                Libc.semop(semid, new[] { new Sembuf(0, 1, Libc.SEM_UNDO) }, 1);
                return true;
            }
        }
        """, IPC015UseSemUndoOnLockCodeFix.EquivalenceKey);

    [Fact]
    public Task CodeFix_ObjectInitialiserGetsSemFlg() => Verify.CodeFix<IPC015UseSemUndoOnLockAnalyzer, IPC015UseSemUndoOnLockCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Bump(int semid, int[] counter)
            {
                [|semop(semid, new[] { new Sembuf { sem_num = 0, sem_op = -1 } }, 1)|];
                counter[0]++;
                semop(semid, new[] { new Sembuf { sem_num = 0, sem_op = 1, sem_flg = 0 } }, 1);
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Bump(int semid, int[] counter)
            {
                semop(semid, new[] { new Sembuf { sem_num = 0, sem_op = -1, sem_flg = SEM_UNDO } }, 1);
                counter[0]++;
                semop(semid, new[] { new Sembuf { sem_num = 0, sem_op = 1, sem_flg = SEM_UNDO } }, 1);
            }
        }
        """, IPC015UseSemUndoOnLockCodeFix.EquivalenceKey);

    [Fact]
    public Task CodeFix_ElementAssignment() => Verify.CodeFix<IPC015UseSemUndoOnLockAnalyzer, IPC015UseSemUndoOnLockCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Bump(int semid, int[] counter)
            {
                var ops = new Sembuf[1];
                ops[0].sem_op = -1;
                ops[0].sem_flg = 0;
                [|semop(semid, ops, 1)|];
                counter[0]++;
                ops[0].sem_op = 1;
                semop(semid, ops, 1);
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Bump(int semid, int[] counter)
            {
                var ops = new Sembuf[1];
                ops[0].sem_op = -1;
                ops[0].sem_flg = SEM_UNDO;
                semop(semid, ops, 1);
                counter[0]++;
                ops[0].sem_op = 1;
                semop(semid, ops, 1);
            }
        }
        """, IPC015UseSemUndoOnLockCodeFix.EquivalenceKey);

    [Fact]
    public Task CodeFix_InLockHelper() => Verify.CodeFix<IPC015UseSemUndoOnLockAnalyzer, IPC015UseSemUndoOnLockCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        static class Locks
        {
            public static int Lock(int semid) => [|semop(semid, new[] { new Sembuf(0, -1, 0) }, 1)|];

            public static int Unlock(int semid) => semop(semid, new[] { new Sembuf(0, 1, 0) }, 1);
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        static class Locks
        {
            public static int Lock(int semid) => semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1);

            public static int Unlock(int semid) => semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
        }
        """, IPC015UseSemUndoOnLockCodeFix.EquivalenceKey);
}
