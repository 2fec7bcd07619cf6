using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC014CloseUnusedPipeEndTests
{
    [Fact]
    public Task Valid_ReaderChildWriterParent_EachClosesTheOtherEnd() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return -1;
                int pid = fork(() =>
                {
                    _ = close(fds[1]);
                    var buf = new byte[64];
                    while (read(fds[0], buf, buf.Length) > 0) { }
                    _ = close(fds[0]);
                    return 0;
                });
                if (pid == -1) return -1;
                if (close(fds[0]) == -1) perror("close");
                _ = write(fds[1], new byte[] { 1 }, 1);
                _ = close(fds[1]);
                return waitpid(pid, out _, 0);
            }
        }
        """);

    [Fact]
    public Task Valid_WriterChildRedirectsWithDup2() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int[] fds = new int[2];
                if (pipe(fds) == -1) return -1;
                int pid = fork(() =>
                {
                    _ = close(fds[0]);
                    _ = dup2(fds[1], 1);
                    _ = close(fds[1]);
                    return 0;
                });
                _ = close(fds[1]);
                var buf = new byte[16];
                _ = read(fds[0], buf, buf.Length);
                _ = close(fds[0]);
                return pid;
            }
        }
        """);

    [Fact]
    public Task Valid_CloseInAHelper_AndMethodGroupChild() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        static class Pipeline
        {
            private static readonly int[] Fds = new int[2];

            static void CloseQuietly(int fd)
            {
                if (close(fd) == -1) perror("close");
            }

            static int Writer()
            {
                CloseQuietly(Fds[0]);
                _ = write(Fds[1], new byte[] { 42 }, 1);
                CloseQuietly(Fds[1]);
                return 0;
            }

            public static int Run()
            {
                if (pipe(Fds) == -1) return -1;
                int pid = fork(Writer);
                CloseQuietly(Fds[1]);
                var buf = new byte[1];
                _ = read(Fds[0], buf, 1);
                CloseQuietly(Fds[0]);
                return pid;
            }
        }
        """);

    [Fact]
    public Task Valid_ParentUsesNeither_ClosesBoth_TwoChildren() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return;
                _ = fork(() => { _ = close(fds[0]); _ = write(fds[1], new byte[1], 1); _ = close(fds[1]); });
                _ = fork(() => { _ = close(fds[1]); _ = read(fds[0], new byte[1], 1); _ = close(fds[0]); });
                _ = close(fds[0]);
                _ = close(fds[1]);
                while (wait(out _) > 0) { }
            }
        }
        """);

    [Fact]
    public Task Valid_NoPipeBeforeFork_OrArrayHandedToAHelper() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void Serve(int[] ends) { }

            static void M(int[] fds)
            {
                _ = fork(() => { _ = read(fds[0], new byte[1], 1); });
                var mine = new int[2];
                if (pipe(mine) == -1) return;
                _ = fork(() => Serve(mine));
                Serve(mine);
            }
        }
        """);

    [Fact]
    public Task Valid_ParentClosedWriteEndBeforeTheReaderFork() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return;
                _ = close(fds[1]);
                _ = fork(() => { _ = read(fds[0], new byte[1], 1); });
                _ = close(fds[0]);
            }
        }
        """);
}
