using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>The other files of samples/Mistakes create objects too; IPC004 stays silent on them.</summary>
public sealed partial class IPC004RemoveWhatYouCreateTests
{
    [Fact]
    public Task Valid_MistakesIPC009RemovesItsSegment() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        internal static class IPC009
        {
            internal static int CreateWorldWritable(int key)
            {
                int shmid = shmget(key, 4096, IPC_CREAT | 0b110_110_110);
                if (shmid == -1) return -1;
                return shmctl(shmid, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public Task Valid_MistakesIPC010DecimalModeStillRemoved() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        internal static class IPC010
        {
            internal static int CreateWithOctalLookalike()
            {
                int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
                if (semid == -1) return -1;
                return semctl(semid, 0, IPC_RMID);
            }
        }
        """);

    [Fact]
    public Task Valid_MistakesIPC001OpensWithoutCreat() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        internal static class IPC001
        {
            internal static int ReadCounter(int key)
            {
                int shmid = shmget(key, 4096, S_IRUSR | S_IWUSR);
                nint addr = shmat(shmid, 0, SHM_RDONLY);
                return shmdt(addr);
            }
        }
        """);

    [Fact]
    public Task Valid_DocCompliantExample() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        internal static class Doc
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
        """);

    [Fact]
    public Task Valid_LibcExternsCreateAndRemove() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int msgget(int key, int msgflg);

            [DllImport("libc", SetLastError = true)]
            private static extern int msgctl(int msqid, int cmd, nint buf);

            static void M()
            {
                int id = msgget(0, 0x200 | 0x180);
                if (id == -1) return;
                _ = msgctl(id, 0, 0);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_LibcExternNeverRemoved() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc.so.6", EntryPoint = "semget", SetLastError = true)]
            private static extern int SemGet(int key, int nsems, int semflg);

            static int M() => [|SemGet(0, 1, 0x180)|] == -1 ? -1 : 0;
        }
        """);
}
