using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC015UseSemUndoOnLockTests
{
    [Fact]
    public Task Valid_LockUnlockHelpersWithSemUndo() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        static class Locks
        {
            public static int Lock(int semid) => semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1);

            public static int Unlock(int semid) => semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
        }
        """);

    [Fact]
    public Task Valid_WaitHelperWithoutAReleasingPartner() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        static class Jobs
        {
            public static int WaitForJob(int semid) => semop(semid, new[] { new Sembuf(0, -1, 0) }, 1);

            public static int PostResult(int semid) => semop(semid, new[] { new Sembuf(1, 1, 0) }, 1);
        }
        """);

    [Fact]
    public Task Valid_GuardWithSemUndo() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class SemGuard : IDisposable
        {
            private readonly int semid;

            public SemGuard(int semid)
            {
                this.semid = semid;
                if (semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1) == -1) throw new InvalidOperationException("P");
            }

            public void Dispose() => semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
        }

        class C
        {
            static void Run(int semid, Action work)
            {
                using var guard = new SemGuard(semid);
                work();
            }
        }
        """);

    [Fact]
    public Task Valid_CallerOfLockHelperIsNotReported() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        static class Locks
        {
            public static int Lock(int semid) => [|semop(semid, new[] { new Sembuf(0, -1, 0) }, 1)|];

            public static int Unlock(int semid) => semop(semid, new[] { new Sembuf(0, 1, 0) }, 1);
        }

        class C
        {
            static void Run(int semid, Action work)
            {
                Locks.Lock(semid);
                try
                {
                    work();
                }
                finally
                {
                    Locks.Unlock(semid);
                }
            }
        }
        """);
}
