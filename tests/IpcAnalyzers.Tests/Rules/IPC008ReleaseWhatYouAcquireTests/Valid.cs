using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC008ReleaseWhatYouAcquireTests
{
    [Fact]
    public Task Valid_VInFinally() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int WithLock(int semid, Action work)
            {
                var p = new[] { new Sembuf(0, -1, 0) };
                var v = new[] { new Sembuf(0, 1, 0) };
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
        """);

    [Fact]
    public Task Valid_OnlyIpcCallsBetweenPAndV() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Detach(int semid, nint addr)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                if (semop(semid, p, 1) == -1) return -1;
                if (shmdt(addr) == -1) perror("shmdt");
                return semop(semid, v, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_CallOfMethodThatCannotThrow() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Next(int value) => value + 1;

            static int Step(int semid, int[] counter)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                if (semop(semid, p, 1) == -1) return -1;
                counter[0] = Next(counter[0]);
                Console.WriteLine(counter[0]);
                return semop(semid, v, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_ProducerConsumerIsSignalling() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            const int Empty = 0, Full = 1;

            static int Produce(int semid, Action put)
            {
                if (semop(semid, new[] { new Sembuf(Empty, -1, 0) }, 1) == -1) return -1;
                put();
                return semop(semid, new[] { new Sembuf(Full, 1, 0) }, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_StartGateOnlyWaits() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Worker(int gate, Action run)
            {
                if (semop(gate, new[] { new Sembuf(0, -1, 0) }, 1) == -1) return;
                run();
            }
        }
        """);

    [Fact]
    public Task Valid_ThrowOnFailedPBeforeTry() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Run(int semid, Action work)
            {
                Sembuf[] p = [new Sembuf(0, -1, SEM_UNDO)];
                Sembuf[] v = [new Sembuf(0, 1, SEM_UNDO)];
                if (semop(semid, p, 1) == -1) throw new InvalidOperationException("semop P");
                try
                {
                    work();
                }
                finally
                {
                    semop(semid, v, 1);
                }
            }
        }
        """);

    [Fact]
    public Task Valid_CatchReleasesAndRethrows() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Run(int semid, Action work)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                if (semop(semid, p, 1) == -1) return -1;
                try
                {
                    work();
                }
                catch
                {
                    semop(semid, v, 1);
                    throw;
                }

                return semop(semid, v, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_PAndVInEveryIteration() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Count(int semid, int[] counter, int times)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                for (var i = 0; i < times; i++)
                {
                    if (semop(semid, p, 1) == -1) return -1;
                    counter[0]++;
                    if (semop(semid, v, 1) == -1) return -1;
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_ElementByElementReusedForPAndV() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Run(int semid, Action work)
            {
                var ops = new Sembuf[1];
                ops[0].sem_num = 0;
                ops[0].sem_op = -1;
                ops[0].sem_flg = SEM_UNDO;
                if (semop(semid, ops, 1) == -1) return -1;
                try
                {
                    work();
                }
                finally
                {
                    ops[0].sem_op = 1;
                    semop(semid, ops, 1);
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_ExitWhileHoldingIsNotAPathOut() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Run(int semid, int[] counter)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                if (semop(semid, p, 1) == -1) return;
                if (counter[0] < 0)
                {
                    perror("corrupt counter");
                    exit(1);
                }

                semop(semid, v, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_UnreadableSembufsAreNotJudged() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Run(int semid, Sembuf[] ops, Action work)
            {
                if (semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1) == -1) return -1;
                work();
                return semop(semid, ops, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_SemtimedopTimeoutDoesNotAcquire() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static readonly Sembuf[] P = { new Sembuf(0, -1, SEM_UNDO) };
            static readonly Sembuf[] V = { new Sembuf(0, 1, SEM_UNDO) };

            static bool TryRun(int semid, Action work)
            {
                if (semtimedop(semid, P, 1, new Timespec(1, 0)) == -1) return false;
                try
                {
                    work();
                }
                finally
                {
                    semop(semid, V, 1);
                }

                return true;
            }
        }
        """);
}
