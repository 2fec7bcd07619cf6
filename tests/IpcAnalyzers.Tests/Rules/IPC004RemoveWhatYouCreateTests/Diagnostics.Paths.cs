using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC004RemoveWhatYouCreateTests
{
    [Fact]
    public Task Diagnostic_EarlyReturnBeforeRemoval() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int semid = [|semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (semid == -1) return -1;
                if (semctl(semid, 0, SETVAL, 1) == -1) return -1;
                return semctl(semid, 0, IPC_RMID);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ThrowBeforeRemoval() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(bool bad)
            {
                int id = [|shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (id < 0) throw new InvalidOperationException("shmget");
                if (bad) throw new ArgumentException("bad");
                _ = shmctl(id, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_BreakOutOfLoopSkipsRemoval() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int n)
            {
                for (int i = 0; i < n; i++)
                {
                    int id = [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                    if (id == -1) continue;
                    var msg = new IpcSim.MsgBuf(1, 8);
                    if (msgsnd(id, msg, 8, IPC_NOWAIT) == -1) continue;
                    _ = msgctl(id, IPC_RMID, null);
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ExceptionCaughtThenReturn() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static int M(Action<int> work)
            {
                int id = [|semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (id is -1) return -1;
                try
                {
                    work(id);
                    if (id > 1000) throw new InvalidOperationException();
                }
                catch (InvalidOperationException)
                {
                    return -1;
                }

                return semctl(id, 0, IPC_RMID);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SwitchArmReturns() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int mode)
            {
                int id = [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (id == -1) return -1;
                switch (mode)
                {
                    case 0:
                        break;
                    case 1:
                        return 1;
                }

                return msgctl(id, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CreatedInLambda() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                return fork(() =>
                {
                    int id = [|semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                    if (id == -1) return 1;
                    return semctl(id, 0, SETVAL, 0) == -1 ? 1 : 0;
                });
            }
        }
        """);

    [Fact]
    public Task Diagnostic_LocalFunctionEarlyReturn() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(bool quick)
            {
                return Run();

                int Run()
                {
                    int id = [|shmget(IPC_PRIVATE, 64, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                    if (id == -1) return -1;
                    if (quick) return 0;
                    return shmctl(id, IPC_RMID, null);
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ExitAfterFailureOfLaterCall() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                int id = [|semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (id == -1) exit(1);
                if (semctl(id, 0, SETVAL, 1) == -1)
                {
                    perror("semctl");
                    exit(1);
                }

                _ = semctl(id, 0, IPC_RMID);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_OnlyTheLeakingOneOfTwo() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                int a = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
                int b = [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (a != -1) _ = msgctl(a, IPC_RMID, null);
            }
        }
        """);

    // Regression: the effects of a call inside a flow capture (?:, ??) were dropped, so the creation was never tracked.
    [Fact]
    public Task Diagnostic_CreatedInsideAConditionalExpression() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(bool big)
            {
                int q = big ? [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|] : [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR)|];
                if (q == -1) return -1;
                return 0;
            }
        }
        """);
}
