using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>An assertion's message is built for the case where it fails: errno is judged on that side.</summary>
public sealed partial class IPC012ErrnoWithoutFailureTests
{
    [Theory]
    [InlineData("Assert.True(n >= 0, \"read failed: \" + strerror(errno));")]
    [InlineData("Assert.False(n == -1, \"read failed: \" + strerror(errno));")]
    [InlineData("Assert.True(n != -1, $\"read: {errno}\");")]
    public Task Valid_ErrnoInAssertionMessage(string assertion) => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>([$$"""
        using Xunit;
        using static IpcSim.Libc;

        class C
        {
            static void M(int fd, byte[] buf)
            {
                while (true)
                {
                    var n = read(fd, buf, buf.Length);
                    {{assertion}}
                    if (n == 0) break;
                }
            }
        }
        """, IPC001CheckResultTests.XunitAssert]);

    [Fact]
    public Task Valid_ExpectedFailureThenErrnoAsserted() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>([$$"""
        using Xunit;
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                Assert.Equal(-1, shmget(1234, 4096, 0));
                Assert.Equal(ENOENT, errno);
            }
        }
        """, IPC001CheckResultTests.XunitAssert]);

    [Fact]
    public Task Diagnostic_ErrnoAssertedAfterExpectedSuccess() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>([$$"""
        using Xunit;
        using static IpcSim.Libc;

        class C
        {
            static void M(int id)
            {
                Assert.Equal(0, shmctl(id, IPC_RMID, null));
                Assert.Equal(0, [|errno|]);
            }
        }
        """, IPC001CheckResultTests.XunitAssert]);
}
