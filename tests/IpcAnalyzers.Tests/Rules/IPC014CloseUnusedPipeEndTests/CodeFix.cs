using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC014CloseUnusedPipeEndTests
{
    [Fact]
    public Task CodeFix_ChildLambda_ClosesWriteEndFirst() => Verify.CodeFix<IPC014CloseUnusedPipeEndAnalyzer, IPC014CloseUnusedPipeEndCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int Spawn()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return -1;
                int pid = [|fork(() =>
                {
                    var buf = new byte[64];
                    while (read(fds[0], buf, buf.Length) > 0) { }
                    return 0;
                })|];
                _ = close(fds[0]);
                _ = close(fds[1]);
                return pid;
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static int Spawn()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return -1;
                int pid = fork(() =>
                {
                    _ = close(fds[1]);
                    var buf = new byte[64];
                    while (read(fds[0], buf, buf.Length) > 0) { }
                    return 0;
                });
                _ = close(fds[0]);
                _ = close(fds[1]);
                return pid;
            }
        }
        """);

    [Fact]
    public Task CodeFix_ParentAndChild() => Verify.CodeFix<IPC014CloseUnusedPipeEndAnalyzer, IPC014CloseUnusedPipeEndCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                var p = new int[2];
                if (pipe(p) == -1) return;
                int pid = [|fork(() =>
                {
                    _ = read(p[0], new byte[1], 1);
                })|];
                _ = write(p[1], new byte[1], 1);
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                var p = new int[2];
                if (pipe(p) == -1) return;
                int pid = fork(() =>
                {
                    _ = close(p[1]);
                    _ = read(p[0], new byte[1], 1);
                });
                _ = close(p[0]);
                _ = write(p[1], new byte[1], 1);
            }
        }
        """);

    [Fact]
    public Task CodeFix_MethodGroupChild() => Verify.CodeFix<IPC014CloseUnusedPipeEndAnalyzer, IPC014CloseUnusedPipeEndCodeFix>("""
        using static IpcSim.Libc;

        sealed class Worker
        {
            private static readonly int[] Channel = new int[2];

            private static int Produce()
            {
                _ = write(Channel[1], new byte[] { 7 }, 1);
                return 0;
            }

            public static int Start()
            {
                if (pipe(Channel) == -1) return -1;
                int pid = [|fork(Produce)|];
                _ = close(Channel[1]);
                _ = read(Channel[0], new byte[1], 1);
                return pid;
            }
        }
        """, """
        using static IpcSim.Libc;

        sealed class Worker
        {
            private static readonly int[] Channel = new int[2];

            private static int Produce()
            {
                _ = close(Channel[0]);
                _ = write(Channel[1], new byte[] { 7 }, 1);
                return 0;
            }

            public static int Start()
            {
                if (pipe(Channel) == -1) return -1;
                int pid = fork(Produce);
                _ = close(Channel[1]);
                _ = read(Channel[0], new byte[1], 1);
                return pid;
            }
        }
        """);

    [Fact]
    public Task CodeFix_NoFixForExpressionLambdaChild() => Verify.NoCodeFix<IPC014CloseUnusedPipeEndAnalyzer, IPC014CloseUnusedPipeEndCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return;
                _ = [|fork(() => _exit(0))|];
                _ = close(fds[0]);
                _ = close(fds[1]);
            }
        }
        """);
}
