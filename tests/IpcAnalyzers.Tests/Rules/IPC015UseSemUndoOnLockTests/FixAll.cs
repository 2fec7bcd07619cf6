using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC015UseSemUndoOnLockTests
{
    [Fact]
    public Task FixAll_SharedVArrayIsChangedOnce() => Verify.FixAll<IPC015UseSemUndoOnLockAnalyzer, IPC015UseSemUndoOnLockCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static readonly Sembuf[] Up = { new Sembuf(0, 1, 0) };

            static void Bump(int semid, int[] counter)
            {
                [|semop(semid, new[] { new Sembuf(0, -1, 0) }, 1)|];
                counter[0]++;
                semop(semid, Up, 1);
            }

            static void Reset(int semid, int[] counter)
            {
                [|semop(semid, new[] { new Sembuf(0, -1, IPC_NOWAIT) }, 1)|];
                counter[0] = 0;
                semop(semid, Up, 1);
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static readonly Sembuf[] Up = { new Sembuf(0, 1, SEM_UNDO) };

            static void Bump(int semid, int[] counter)
            {
                semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1);
                counter[0]++;
                semop(semid, Up, 1);
            }

            static void Reset(int semid, int[] counter)
            {
                semop(semid, new[] { new Sembuf(0, -1, IPC_NOWAIT | SEM_UNDO) }, 1);
                counter[0] = 0;
                semop(semid, Up, 1);
            }
        }
        """, IPC015UseSemUndoOnLockCodeFix.EquivalenceKey);

    [Fact]
    public Task FixAll_TwoLocksInOneSemop() => Verify.FixAll<IPC015UseSemUndoOnLockAnalyzer, IPC015UseSemUndoOnLockCodeFix>("""
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
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Transfer(int semid, int[] accounts)
            {
                semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO), new Sembuf(1, -1, SEM_UNDO) }, 2);
                accounts[0]--;
                accounts[1]++;
                semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO), new Sembuf(1, 1, SEM_UNDO) }, 2);
            }
        }
        """, IPC015UseSemUndoOnLockCodeFix.EquivalenceKey);
}
