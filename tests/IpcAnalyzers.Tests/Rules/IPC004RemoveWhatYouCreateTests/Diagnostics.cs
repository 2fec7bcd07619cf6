using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC004RemoveWhatYouCreateTests
{
    [Fact]
    public Task Diagnostic_MistakesSample() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
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
        """);

    [Fact]
    public Task Diagnostic_SharedMemoryNeverRemoved() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                int shmid = [|shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (shmid == -1) return;
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SemaphoreSetPrivateWithoutCreat() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int semid = [|semget(IPC_PRIVATE, 1, S_IRUSR | S_IWUSR)|];
                if (semid == -1) return -1;
                return semctl(semid, 0, SETVAL, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ResultDiscarded() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M() => [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|];
        }
        """);

    [Fact]
    public Task Diagnostic_RemovesAnotherObject() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int other)
            {
                int id = [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (id == -1) return;
                _ = msgctl(other, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_StatInsteadOfRemove() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                int id = [|shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (id == -1) return;
                var ds = new ShmidDs();
                _ = shmctl(id, IPC_STAT, ds);
            }
        }
        """);
}
