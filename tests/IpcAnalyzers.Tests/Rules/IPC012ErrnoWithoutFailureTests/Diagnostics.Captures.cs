using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC012ErrnoWithoutFailureTests
{
    [Fact]
    public Task Diagnostic_CallInConditional_PerrorOnSuccess() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int fd, int other, bool first)
            {
                int r = first ? close(fd) : close(other);
                if (r != -1) [|perror("close")|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CallAfterCoalesce_ErrnoOnSuccess() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int? known;

            static int M(int key)
            {
                int id = known ?? msgget(key, 0);
                if (id == -1) return -1;
                return [|errno|];
            }
        }
        """);

    [Fact]
    public Task Valid_CallInConditional_PerrorOnFailure() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int fd, int other, bool first)
            {
                int r = first ? close(fd) : close(other);
                if (r == -1) perror("close");
            }
        }
        """);
}
