using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC006RetryOnEintrTests
{
    [Fact]
    public Task Diagnostic_CallInConditional_FailureWithoutEintr() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int msqid, MsgBuf msg, bool wait)
            {
                long n = wait ? [|msgrcv(msqid, msg, msg.mtext.Length, 0, 0)|] : msgrcv(msqid, msg, msg.mtext.Length, 0, IPC_NOWAIT);
                if (n == -1)
                {
                    perror("msgrcv");
                    return 1;
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CallAfterCoalesce_FailureWithoutEintr() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static long? pending;

            static int M(int msqid, MsgBuf msg)
            {
                long n = pending ?? [|msgrcv(msqid, msg, msg.mtext.Length, 0, 0)|];
                if (n == -1) return 1;
                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_CallInConditional_RetriedOnEintr() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int msqid, MsgBuf msg, bool wait)
            {
                long n;
                do
                {
                    n = wait ? msgrcv(msqid, msg, msg.mtext.Length, 0, 0) : msgrcv(msqid, msg, msg.mtext.Length, 0, IPC_NOWAIT);
                }
                while (n == -1 && errno == EINTR);
                return n == -1 ? 1 : 0;
            }
        }
        """);
}
