using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC006RetryOnEintrTests
{
    private const string TwoWaits = """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid, Sembuf[] ops, int msqid, MsgBuf buf)
            {
                if ([|semop(semid, ops, 1)|] == -1) return 1;
                if ([|msgrcv(msqid, buf, 8, 0, 0)|] == -1) return 2;
                return 0;
            }
        }
        """;

    private const string TwoWaitsFixed = """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid, Sembuf[] ops, int msqid, MsgBuf buf)
            {
                int r;
                do
                {
                    r = semop(semid, ops, 1);
                }
                while (r == -1 && errno == EINTR);
                if (r == -1) return 1;
                long n;
                do
                {
                    n = msgrcv(msqid, buf, 8, 0, 0);
                }
                while (n == -1 && errno == EINTR);
                if (n == -1) return 2;
                return 0;
            }
        }
        """;

    [Fact]
    public Task FixAll_Document() => Verify.FixAll<IPC006RetryOnEintrAnalyzer, IPC006RetryOnEintrCodeFix>(TwoWaits, TwoWaitsFixed);

    [Theory]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task FixAll_ProjectAndSolution(FixAllScope scope) => Verify.FixAll<IPC006RetryOnEintrAnalyzer, IPC006RetryOnEintrCodeFix>(
        [TwoWaits, TwoWaits.Replace("class C", "class D")],
        [TwoWaitsFixed, TwoWaitsFixed.Replace("class C", "class D")],
        scope);
}
