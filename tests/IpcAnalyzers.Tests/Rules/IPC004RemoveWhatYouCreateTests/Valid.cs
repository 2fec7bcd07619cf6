using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC004RemoveWhatYouCreateTests
{
    [Fact]
    public Task Valid_ApiExample() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Main()
            {
                int key = ftok(".", 'A');
                if (key == -1) { perror("ftok"); return 1; }
                int shmid = shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (shmid == -1) { perror("shmget"); return 1; }
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) { perror("shmat"); return 1; }
                if (shmdt(addr) == -1) perror("shmdt");
                if (shmctl(shmid, IPC_RMID, null) == -1) perror("shmctl");
                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_ClientWithoutCreat() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key)
            {
                int id = msgget(key, S_IRUSR | S_IWUSR);
                if (id == -1) return -1;
                var msg = new IpcSim.MsgBuf(1, 8);
                return msgsnd(id, msg, 8, 0);
            }
        }
        """);

    [Fact]
    public Task Valid_TryFinally() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(Action<int> work)
            {
                int id = semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (id == -1) throw new InvalidOperationException("semget");
                try
                {
                    work(id);
                    if (id > 100) return;
                    work(id);
                }
                finally
                {
                    _ = semctl(id, 0, IPC_RMID);
                }
            }
        }
        """);

    [Fact]
    public Task Valid_ReturnedFromPublicMethod() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        public static class C
        {
            public static int OpenLock(int key)
            {
                int semid = semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (semid == -1) return -1;
                if (semctl(semid, 0, SETVAL, 1) == -1) return -1;
                return semid;
            }
        }
        """);

    [Fact]
    public Task Valid_FieldRemovedInDispose() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        sealed class Queue : IDisposable
        {
            private readonly int id;

            public Queue()
            {
                id = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (id == -1) throw new InvalidOperationException(strerror(errno));
            }

            public int Id => id;

            public void Dispose()
            {
                if (msgctl(id, IPC_RMID, null) == -1) perror("msgctl");
            }
        }
        """);

    // Regression: the effects of a call inside a flow capture (?:, ??) were dropped, so this removal was not seen.
    [Fact]
    public Task Valid_RemovedInsideAConditionalExpression() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(bool verbose)
            {
                int q = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (q == -1) return -1;
                int r = verbose ? msgctl(q, IPC_RMID, null) : msgctl(q, IPC_RMID, null);
                return r;
            }
        }
        """);
}
