using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC004RemoveWhatYouCreateTests
{
    [Fact]
    public Task FixAll_TwoObjectsInOneMethod() => Verify.FixAll<IPC004RemoveWhatYouCreateAnalyzer, IPC004RemoveWhatYouCreateCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int sem = [|semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (sem == -1) return -1;
                int shm = [|shmget(IPC_PRIVATE, 64, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (shm == -1) return -1;
                nint p = shmat(shm, 0, 0);
                if (p == -1) return -1;
                return shmdt(p) + semctl(sem, 0, GETVAL);
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int sem = semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (sem == -1) return -1;
                try
                {
                    int shm = shmget(IPC_PRIVATE, 64, IPC_CREAT | S_IRUSR | S_IWUSR);
                    if (shm == -1) return -1;
                    try
                    {
                        nint p = shmat(shm, 0, 0);
                        if (p == -1) return -1;
                        return shmdt(p) + semctl(sem, 0, GETVAL);
                    }
                    finally
                    {
                        _ = shmctl(shm, IPC_RMID, null);
                    }
                }
                finally
                {
                    _ = semctl(sem, 0, IPC_RMID);
                }
            }
        }
        """, IPC004RemoveWhatYouCreateCodeFix.DiscardKey);

    [Fact]
    public Task FixAll_TwoMethodsChecked() => Verify.FixAll<IPC004RemoveWhatYouCreateAnalyzer, IPC004RemoveWhatYouCreateCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int A()
            {
                int q = [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (q == -1) return -1;
                return msgsnd(q, new IpcSim.MsgBuf(1, 4), 4, IPC_NOWAIT);
            }

            static int B()
            {
                int q = [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (q == -1) return -1;
                return msgsnd(q, new IpcSim.MsgBuf(2, 4), 4, IPC_NOWAIT);
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static int A()
            {
                int q = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (q == -1) return -1;
                try
                {
                    return msgsnd(q, new IpcSim.MsgBuf(1, 4), 4, IPC_NOWAIT);
                }
                finally
                {
                    if (msgctl(q, IPC_RMID, null) == -1) perror("msgctl");
                }
            }

            static int B()
            {
                int q = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (q == -1) return -1;
                try
                {
                    return msgsnd(q, new IpcSim.MsgBuf(2, 4), 4, IPC_NOWAIT);
                }
                finally
                {
                    if (msgctl(q, IPC_RMID, null) == -1) perror("msgctl");
                }
            }
        }
        """, IPC004RemoveWhatYouCreateCodeFix.CheckedKey);

    [Fact]
    public Task FixAll_AcrossDocuments() => Verify.FixAll<IPC004RemoveWhatYouCreateAnalyzer, IPC004RemoveWhatYouCreateCodeFix>(
        [
            """
            using static IpcSim.Libc;

            class A
            {
                static void M()
                {
                    int id = [|semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                    if (id == -1) return;
                    _ = semctl(id, 0, SETVAL, 1);
                }
            }
            """,
            """
            using static IpcSim.Libc;

            class B
            {
                static void M()
                {
                    int id = [|shmget(IPC_PRIVATE, 64, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                    if (id == -1) return;
                    _ = shmat(id, 0, 0);
                }
            }
            """,
        ],
        [
            """
            using static IpcSim.Libc;

            class A
            {
                static void M()
                {
                    int id = semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                    if (id == -1) return;
                    try
                    {
                        _ = semctl(id, 0, SETVAL, 1);
                    }
                    finally
                    {
                        _ = semctl(id, 0, IPC_RMID);
                    }
                }
            }
            """,
            """
            using static IpcSim.Libc;

            class B
            {
                static void M()
                {
                    int id = shmget(IPC_PRIVATE, 64, IPC_CREAT | S_IRUSR | S_IWUSR);
                    if (id == -1) return;
                    try
                    {
                        _ = shmat(id, 0, 0);
                    }
                    finally
                    {
                        _ = shmctl(id, IPC_RMID, null);
                    }
                }
            }
            """,
        ],
        FixAllScope.Solution,
        IPC004RemoveWhatYouCreateCodeFix.DiscardKey);
}
