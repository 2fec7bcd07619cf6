using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC014CloseUnusedPipeEndTests
{
    [Fact]
    public Task FixAll_Document_TwoForks() => Verify.FixAll<IPC014CloseUnusedPipeEndAnalyzer, IPC014CloseUnusedPipeEndCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return;
                _ = [|fork(() =>
                {
                    _ = write(fds[1], new byte[1], 1);
                })|];
                _ = [|fork(() =>
                {
                    _ = read(fds[0], new byte[1], 1);
                })|];
                _ = close(fds[0]);
                _ = close(fds[1]);
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return;
                _ = fork(() =>
                {
                    _ = close(fds[0]);
                    _ = write(fds[1], new byte[1], 1);
                });
                _ = fork(() =>
                {
                    _ = close(fds[1]);
                    _ = read(fds[0], new byte[1], 1);
                });
                _ = close(fds[0]);
                _ = close(fds[1]);
            }
        }
        """);
}
