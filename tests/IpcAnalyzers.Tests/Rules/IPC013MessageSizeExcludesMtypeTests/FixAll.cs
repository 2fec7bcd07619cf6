using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC013MessageSizeExcludesMtypeTests
{
    [Fact]
    public Task FixAll_Document() => Verify.FixAll<IPC013MessageSizeExcludesMtypeAnalyzer, IPC013MessageSizeExcludesMtypeCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int msqid, MsgBuf reply)
            {
                var msg = new MsgBuf(1, 64);
                _ = [|msgsnd(msqid, msg, msg.mtext.Length + sizeof(long), 0)|];
                _ = [|msgsnd(msqid, msg, 128, IPC_NOWAIT)|];
                _ = [|msgrcv(msqid, reply, reply.mtext.Length + 8, 1, 0)|];
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int msqid, MsgBuf reply)
            {
                var msg = new MsgBuf(1, 64);
                _ = msgsnd(msqid, msg, msg.mtext.Length, 0);
                _ = msgsnd(msqid, msg, msg.mtext.Length, IPC_NOWAIT);
                _ = msgrcv(msqid, reply, reply.mtext.Length, 1, 0);
            }
        }
        """);
}
