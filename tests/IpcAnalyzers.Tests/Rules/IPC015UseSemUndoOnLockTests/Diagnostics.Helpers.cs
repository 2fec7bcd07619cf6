using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC015UseSemUndoOnLockTests
{
    [Fact]
    public Task Diagnostic_LockHelperOfALockUnlockPair() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        static class Locks
        {
            public static int Lock(int semid)
            {
                while ([|semop(semid, new[] { new Sembuf(0, -1, 0) }, 1)|] == -1)
                {
                    if (errno != EINTR) return -1;
                }

                return 0;
            }

            public static int Unlock(int semid) => semop(semid, new[] { new Sembuf(0, 1, 0) }, 1);
        }
        """);

    [Fact]
    public Task Diagnostic_WrapperConstructorAndDispose() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class SemGuard : IDisposable
        {
            private readonly int semid;

            public SemGuard(int semid)
            {
                this.semid = semid;
                if ([|semop(semid, new[] { new Sembuf(0, -1, 0) }, 1)|] == -1) throw new InvalidOperationException("P");
            }

            public void Dispose() => semop(semid, new[] { new Sembuf(0, 1, 0) }, 1);
        }
        """);

    [Fact]
    public Task Diagnostic_WrapperAcquireAndRelease() => Verify.Analyzer<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        sealed class Mutex(int semid)
        {
            private static readonly Sembuf[] Down = [new Sembuf(0, -1, 0)];
            private static readonly Sembuf[] Up = [new Sembuf(0, 1, 0)];

            public void Acquire() => [|semop(semid, Down, 1)|];

            public void Release() => semop(semid, Up, 1);
        }
        """);

    [Fact]
    public Task Diagnostic_BrokenCodeDoesNotThrow() => Verify.BrokenCode<IPC015UseSemUndoOnLockAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        static class Locks
        {
            public static int Lock(int semid) => semop(semid, new[] { new Sembuf(0, -1, ) }, 1);

            public static int Unlock(int semid) => semop(semid, new[] { new Sembuf { sem_op = 1, sem_flg = } }, );

            static void Init(int id) => semctl(id, 0, SETVAL, );

            static void Half(int id)
            {
                var ops = new Sembuf[];
                ops[0].sem_op = -1
                semop(id, ops, 1);
            }
        }
        """);
}
