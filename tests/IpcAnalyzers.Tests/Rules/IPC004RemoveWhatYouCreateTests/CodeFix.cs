using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC004RemoveWhatYouCreateTests
{
    [Fact]
    public Task CodeFix_MistakesSampleWrapsTheUseInTryFinally() => Verify.CodeFix<IPC004RemoveWhatYouCreateAnalyzer, IPC004RemoveWhatYouCreateCodeFix>("""
        using static IpcSim.Libc;

        internal static class IPC004
        {
            internal static int CreateQueue()
            {
                int msqid = [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (msqid == -1) return -1;
                var msg = new IpcSim.MsgBuf(1, 16);
                if (msgsnd(msqid, msg, 16, IPC_NOWAIT) == -1) return -1;
                return 0;
            }
        }
        """, """
        using static IpcSim.Libc;

        internal static class IPC004
        {
            internal static int CreateQueue()
            {
                int msqid = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (msqid == -1) return -1;
                try
                {
                    var msg = new IpcSim.MsgBuf(1, 16);
                    if (msgsnd(msqid, msg, 16, IPC_NOWAIT) == -1) return -1;
                }
                finally
                {
                    _ = msgctl(msqid, IPC_RMID, null);
                }

                return 0;
            }
        }
        """, IPC004RemoveWhatYouCreateCodeFix.DiscardKey);

    [Fact]
    public Task CodeFix_CheckedRemovalWithPerror() => Verify.CodeFix<IPC004RemoveWhatYouCreateAnalyzer, IPC004RemoveWhatYouCreateCodeFix>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(Action<int> work)
            {
                int id = [|shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (id == -1)
                {
                    perror("shmget");
                    return;
                }

                work(id);
            }
        }
        """, """
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(Action<int> work)
            {
                int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (id == -1)
                {
                    perror("shmget");
                    return;
                }

                try
                {
                    work(id);
                }
                finally
                {
                    if (shmctl(id, IPC_RMID, null) == -1) perror("shmctl");
                }
            }
        }
        """, IPC004RemoveWhatYouCreateCodeFix.CheckedKey);

    [Fact]
    public Task CodeFix_SemaphoreUsesTheShortForm() => Verify.CodeFix<IPC004RemoveWhatYouCreateAnalyzer, IPC004RemoveWhatYouCreateCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int semid = [|semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (semid == -1) return -1;
                int r = semctl(semid, 0, SETVAL, 1);
                return r;
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (semid == -1) return -1;
                try
                {
                    int r = semctl(semid, 0, SETVAL, 1);
                    return r;
                }
                finally
                {
                    _ = semctl(semid, 0, IPC_RMID);
                }
            }
        }
        """, IPC004RemoveWhatYouCreateCodeFix.DiscardKey);

    [Fact]
    public Task CodeFix_UnusedIdIsRemovedAfterTheCheck() => Verify.CodeFix<IPC004RemoveWhatYouCreateAnalyzer, IPC004RemoveWhatYouCreateCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                int id = [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (id == -1) return;
                System.Console.WriteLine("created");
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                int id = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (id == -1) return;
                _ = msgctl(id, IPC_RMID, null);
                System.Console.WriteLine("created");
            }
        }
        """, IPC004RemoveWhatYouCreateCodeFix.DiscardKey);

    [Fact]
    public Task CodeFix_PathLeakMovesTheExistingRemovalIntoFinally() => Verify.CodeFix<IPC004RemoveWhatYouCreateAnalyzer, IPC004RemoveWhatYouCreateCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(bool quick)
            {
                int id = [|shmget(IPC_PRIVATE, 64, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (id < 0) return -1;
                if (quick) return 0;
                nint p = shmat(id, 0, 0);
                if (p != -1) _ = shmdt(p);
                if (shmctl(id, IPC_RMID, null) == -1) perror("shmctl");
                return 1;
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static int M(bool quick)
            {
                int id = shmget(IPC_PRIVATE, 64, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (id < 0) return -1;
                try
                {
                    if (quick) return 0;
                    nint p = shmat(id, 0, 0);
                    if (p != -1) _ = shmdt(p);
                }
                finally
                {
                    _ = shmctl(id, IPC_RMID, null);
                }

                return 1;
            }
        }
        """, IPC004RemoveWhatYouCreateCodeFix.DiscardKey);

    [Fact]
    public Task CodeFix_HelperCreatedQueue() => Verify.CodeFix<IPC004RemoveWhatYouCreateAnalyzer, IPC004RemoveWhatYouCreateCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            private static int CreateQueue() => msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);

            static long M(IpcSim.MsgBuf msg)
            {
                int q = [|CreateQueue()|];
                if (q == -1) return -1;
                return msgrcv(q, msg, 8, 0, IPC_NOWAIT);
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            private static int CreateQueue() => msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);

            static long M(IpcSim.MsgBuf msg)
            {
                int q = CreateQueue();
                if (q == -1) return -1;
                try
                {
                    return msgrcv(q, msg, 8, 0, IPC_NOWAIT);
                }
                finally
                {
                    _ = msgctl(q, IPC_RMID, null);
                }
            }
        }
        """, IPC004RemoveWhatYouCreateCodeFix.DiscardKey);

    [Fact]
    public Task CodeFix_QualifiedLibcCalls() => Verify.CodeFix<IPC004RemoveWhatYouCreateAnalyzer, IPC004RemoveWhatYouCreateCodeFix>("""
        using IpcSim;

        class C
        {
            static int M()
            {
                int id = [|Libc.semget(Libc.IPC_PRIVATE, 1, Libc.IPC_CREAT | Libc.S_IRUSR)|];
                if (id == -1) return -1;
                return Libc.semctl(id, 0, Libc.GETVAL);
            }
        }
        """, """
        using IpcSim;

        class C
        {
            static int M()
            {
                int id = Libc.semget(Libc.IPC_PRIVATE, 1, Libc.IPC_CREAT | Libc.S_IRUSR);
                if (id == -1) return -1;
                try
                {
                    return Libc.semctl(id, 0, Libc.GETVAL);
                }
                finally
                {
                    _ = Libc.semctl(id, 0, Libc.IPC_RMID);
                }
            }
        }
        """, IPC004RemoveWhatYouCreateCodeFix.DiscardKey);

    [Fact]
    public Task CodeFix_NoFixForAField() => Verify.NoCodeFix<IPC004RemoveWhatYouCreateAnalyzer, IPC004RemoveWhatYouCreateCodeFix>("""
        using static IpcSim.Libc;

        sealed class Holder
        {
            private int id;

            public void Open() => id = [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|];
        }
        """);

    [Fact]
    public Task CodeFix_NoFixWhenTheRemovalIsReturned() => Verify.NoCodeFix<IPC004RemoveWhatYouCreateAnalyzer, IPC004RemoveWhatYouCreateCodeFix>("""
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
}
