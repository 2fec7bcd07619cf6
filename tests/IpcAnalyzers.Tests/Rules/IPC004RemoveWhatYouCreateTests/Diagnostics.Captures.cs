using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>A creation the control flow graph evaluates into a flow capture (a conditional, <c>??</c>) is still followed.</summary>
public sealed partial class IPC004RemoveWhatYouCreateTests
{
    [Fact]
    public Task Diagnostic_CreatedInConditional_EarlyReturn() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(bool queue)
            {
                int id = queue ? [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|] : -1;
                if (id == -1) return -1;
                if (msgsnd(id, new IpcSim.MsgBuf(1, 8), 8, IPC_NOWAIT) == -1) return -1;
                return msgctl(id, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CreatedAfterCoalesce_EarlyReturn() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int? reused;

            static int M()
            {
                int id = reused ?? [|semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (id == -1) return -1;
                if (semctl(id, 0, SETVAL, 1) == -1) return -1;
                return semctl(id, 0, IPC_RMID);
            }
        }
        """);

    [Fact]
    public Task Valid_CreatedInConditional_RemovedOnEveryPath() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(bool queue)
            {
                int id = queue ? msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR) : -1;
                if (id == -1) return -1;
                try
                {
                    return msgsnd(id, new IpcSim.MsgBuf(1, 8), 8, IPC_NOWAIT);
                }
                finally
                {
                    _ = msgctl(id, IPC_RMID, null);
                }
            }
        }
        """);
}
