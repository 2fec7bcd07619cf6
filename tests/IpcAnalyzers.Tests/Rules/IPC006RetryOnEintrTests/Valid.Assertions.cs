using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC006RetryOnEintrTests
{
    [Theory]
    [InlineData("EINTR")]
    [InlineData("EIDRM")]
    public Task Valid_ExpectedFailureWithErrnoAsserted(string expected) => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>([$$"""
        using IpcSim;
        using Xunit;
        using static IpcSim.Libc;

        class C
        {
            static void M(int semid)
            {
                Assert.Equal(-1, semop(semid, new[] { new Sembuf(0, -1, 0) }, 1));
                Assert.Equal({{expected}}, errno);
            }
        }
        """, IPC001CheckResultTests.XunitAssert]);

    [Fact]
    public Task Diagnostic_ExpectedFailureErrnoNotAsserted() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>([$$"""
        using IpcSim;
        using Xunit;
        using static IpcSim.Libc;

        class C
        {
            static void M(int semid)
            {
                Assert.Equal(-1, [|semop(semid, new[] { new Sembuf(0, -1, 0) }, 1)|]);
            }
        }
        """, IPC001CheckResultTests.XunitAssert]);
}
