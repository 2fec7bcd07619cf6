using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC008ReleaseWhatYouAcquireTests
{
    [Fact]
    public Task Diagnostic_BreakOutOfLoopSkipsV() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Drain(int semid, int[] queue)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                var taken = 0;
                while (true)
                {
                    if ([|semop(semid, p, 1)|] == -1) return -1;
                    if (queue[0] == 0) break;
                    queue[0]--;
                    taken++;
                    semop(semid, v, 1);
                }

                return taken;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ContinueSkipsV() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Scan(int semid, int[] items)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                for (var i = 0; i < items.Length; i++)
                {
                    [|semop(semid, p, 1)|];
                    if (items[i] == 0) continue;
                    items[i]--;
                    semop(semid, v, 1);
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SwitchArmReturnsHoldingTheLock() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Apply(int semid, int[] state, int command)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                if ([|semop(semid, p, 1)|] == -1) return -1;
                switch (command)
                {
                    case 0:
                        state[0] = 0;
                        break;
                    case 1:
                        state[0]++;
                        break;
                    default:
                        return -1;
                }

                return semop(semid, v, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CatchReturnsWithoutV() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Run(int semid, Action work)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                try
                {
                    if ([|semop(semid, p, 1)|] == -1) return -1;
                    work();
                    semop(semid, v, 1);
                    return 0;
                }
                catch (InvalidOperationException)
                {
                    return -1;
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_FinallyThatDoesNotRelease() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Run(int semid, Action work, Action log)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                [|semop(semid, p, 1)|];
                try
                {
                    work();
                    semop(semid, v, 1);
                }
                finally
                {
                    log();
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InLambda() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static Action Job(int semid, Action work) => () =>
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                [|semop(semid, p, 1)|];
                work();
                semop(semid, v, 1);
            };
        }
        """);

    [Fact]
    public Task Diagnostic_InLocalFunction() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Run(int semid, Action[] jobs)
            {
                foreach (var job in jobs) Locked(job);

                void Locked(Action work)
                {
                    [|semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1)|];
                    work();
                    semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_LockUnlockHelpersWithThrowingCallBetween() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;

        class C
        {
            static int Run(int semid, Action work)
            {
                if ([|Locks.Lock(semid)|] == -1) return -1;
                work();
                return Locks.Unlock(semid);
            }
        }
        """ + LockHelpers);

    [Fact]
    public Task Diagnostic_GuardDisposedWithoutUsing() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;

        class C
        {
            static void Run(int semid, Action work)
            {
                var guard = [|new SemGuard(semid)|];
                work();
                guard.Dispose();
            }
        }
        """ + Guard);

    [Fact]
    public Task Diagnostic_VOnOneBranchOnly() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Update(int semid, int[] state, bool commit)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                [|semop(semid, p, 1)|];
                if (commit)
                {
                    state[0]++;
                    semop(semid, v, 1);
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_TopLevelStatements() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0b110_000_000);
        Action work = () => Console.WriteLine("working");
        [|semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1)|];
        work();
        semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
        semctl(semid, 0, IPC_RMID);
        """);

    [Fact]
    public Task Diagnostic_BrokenCodeDoesNotThrow() => Verify.BrokenCode<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Run(int semid, Action work)
            {
                var p = new[] { new Sembuf(0, -1, ) };
                semop(semid, p, );
                semop(, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                work(
                semop(semid, new Sembuf[] { new Sembuf { sem_op = } }, 1);
            }
        }
        """);
}
