using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC005SynchroniseShmWritesTests
{
    private const string SemHelpers = """
            static readonly Sembuf[] Down = { new Sembuf(0, -1, SEM_UNDO) };
            static readonly Sembuf[] Up = { new Sembuf(0, 1, SEM_UNDO) };
        """;

    [Fact]
    public Task Diagnostic_VReleasedTooEarlyInALoop_InAHelper_ReportedAtTheCall() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{SemHelpers}}

            static void M(nint p, int semid)
            {
                if (semop(semid, Down, 1) == -1) return;
                for (int i = 0; i < 4; i++)
                {
                    Mem.Write(p + i * 4, i);
                    _ = semop(semid, Up, 1);
                }
            }

            static void Caller(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                [|M(p, semid)|];
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_VReleasedTooEarlyInALoop_Inline() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{SemHelpers}}

            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                if (semop(semid, Down, 1) == -1) return;
                for (int i = 0; i < 4; i++)
                {
                    [|Mem.Write(p + i * 4, i)|];
                    _ = semop(semid, Up, 1);
                }

                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ReleasedOnOneBranchOnly() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{SemHelpers}}

            static void M(int shmid, int semid, bool early)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                if (semop(semid, Down, 1) == -1) return;
                Mem.Write(p, 1);
                if (early) _ = semop(semid, Up, 1);
                [|Mem.Write(p + 4, 2)|];
                if (!early) _ = semop(semid, Up, 1);
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_PTakenOnOneBranchOnly() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{SemHelpers}}

            static void M(int shmid, int semid, bool careful)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                if (careful && semop(semid, Down, 1) == -1) return;
                [|Mem.Write(p, 1)|];
                if (careful) _ = semop(semid, Up, 1);
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_WriteAfterTheV() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{SemHelpers}}

            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                if (semop(semid, Down, 1) == -1) return;
                Mem.Write(p, 1);
                _ = semop(semid, Up, 1);
                [|Mem.Write(p + 4, 2)|];
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_WriteInACatch() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{SemHelpers}}

            static void M(int shmid, int semid, Action work)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                try
                {
                    if (semop(semid, Down, 1) == -1) return;
                    Mem.Write(p, 1);
                    work();
                    _ = semop(semid, Up, 1);
                }
                catch (InvalidOperationException)
                {
                    [|Mem.Write(p, -1)|];
                }

                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_WriteInALambdaPassedToFork() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                int pid = fork(() => { [|Mem.Write(p, 1)|]; });
                if (pid == -1) return -1;
                _ = waitpid(pid, out _, 0);
                return shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_WriteInALocalFunctionPassedToFork() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                int pid = fork(Child);
                if (pid == -1) return -1;
                [|Mem.Write(p + 4, 2)|];
                _ = waitpid(pid, out _, 0);
                return shmdt(p);

                int Child()
                {
                    [|Mem.Write(p, 1)|];
                    return 0;
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_WriteAfterFork() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                Mem.Write(p, 0);
                for (int i = 0; i < 2; i++)
                {
                    [|Mem.Write(p + 4, i)|];
                    if (fork(() => 0) == -1) return -1;
                }

                return shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SwitchArmWithoutLock() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{SemHelpers}}

            static void M(int shmid, int semid, int mode)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                switch (mode)
                {
                    case 0:
                        if (semop(semid, Down, 1) == -1) break;
                        Mem.Write(p, 0);
                        _ = semop(semid, Up, 1);
                        break;
                    case 1:
                        [|Mem.Write(p, 1)|];
                        break;
                }

                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_PrivateSegmentAfterItsIdIsPublished() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(Action<int> publish)
            {
                int id = shmget(IPC_PRIVATE, 64, IPC_CREAT | 0b110_000_000);
                if (id == -1) return;
                nint p = shmat(id, 0, 0);
                if (p == -1) return;
                Mem.Write(p, 0);
                publish(id);
                [|Mem.Write(p, 1)|];
                _ = shmdt(p);
                _ = shmctl(id, IPC_RMID, null);
            }
        }
        """);
}
