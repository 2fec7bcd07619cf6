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
}
