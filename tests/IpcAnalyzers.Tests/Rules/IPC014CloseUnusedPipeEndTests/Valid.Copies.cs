using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>Pipe ends copied into locals (<c>int readEnd = fds[0];</c>) and handed to helpers are followed.</summary>
public sealed partial class IPC014CloseUnusedPipeEndTests
{
    [Fact]
    public Task Valid_CopiedEnds_ChildHelperTakesBoth_AsInPipeForkSample() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int Run()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return 1;
                int readEnd = fds[0];
                int writeEnd = fds[1];
                int pid = fork(() => Child(readEnd, writeEnd));
                if (pid == -1)
                {
                    _ = close(readEnd);
                    _ = close(writeEnd);
                    return 1;
                }

                if (close(readEnd) == -1) perror("close read end");
                _ = WriteAll(writeEnd, new byte[] { 1, 2, 3 });
                if (close(writeEnd) == -1) perror("close write end");
                return waitpid(pid, out _, 0) == -1 ? 1 : 0;
            }

            static bool WriteAll(int fd, byte[] bytes) => write(fd, bytes, bytes.Length) == bytes.Length;

            static int Child(int readEnd, int writeEnd)
            {
                if (close(writeEnd) == -1) return 1;
                var buf = new byte[16];
                while (read(readEnd, buf, buf.Length) > 0) { }
                _ = close(readEnd);
                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_CopiedEnds_InlineChild() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int Run()
            {
                int[] fds = new int[2];
                if (pipe(fds) == -1) return 1;
                int r = fds[0], w = fds[1];
                int pid = fork(() =>
                {
                    _ = close(r);
                    _ = write(w, new byte[] { 7 }, 1);
                    _ = close(w);
                    return 0;
                });
                _ = close(w);
                var buf = new byte[4];
                _ = read(r, buf, buf.Length);
                _ = close(r);
                return pid;
            }
        }
        """);

    [Fact]
    public Task Valid_CopiedEnds_ChildMethodGroupWithOwnCopies() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        static class Pipeline
        {
            private static readonly int[] Fds = new int[2];

            static int Writer()
            {
                int readEnd = Fds[0];
                int writeEnd = Fds[1];
                _ = close(readEnd);
                _ = write(writeEnd, new byte[] { 42 }, 1);
                _ = close(writeEnd);
                return 0;
            }

            static int Run()
            {
                if (pipe(Fds) == -1) return -1;
                int pid = fork(Writer);
                _ = close(Fds[1]);
                var buf = new byte[1];
                _ = read(Fds[0], buf, 1);
                _ = close(Fds[0]);
                return pid;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CopiedEnds_ChildHelperKeepsWriteEnd() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int Run()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return 1;
                int readEnd = fds[0];
                int writeEnd = fds[1];
                int pid = [|fork(() => Child(readEnd, writeEnd))|];
                _ = close(readEnd);
                _ = write(writeEnd, new byte[] { 1 }, 1);
                _ = close(writeEnd);
                return pid;
            }

            static int Child(int readEnd, int writeEnd)
            {
                var buf = new byte[16];
                while (read(readEnd, buf, buf.Length) > 0) { }
                _ = close(readEnd);
                return 0;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CopiedEnds_ChildHelperClosesWriteEndAfterReading() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int Run()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return 1;
                int readEnd = fds[0];
                int writeEnd = fds[1];
                int pid = [|fork(() => Child(readEnd, writeEnd))|];
                _ = close(readEnd);
                _ = write(writeEnd, new byte[] { 1 }, 1);
                _ = close(writeEnd);
                return pid;
            }

            static int Child(int readEnd, int writeEnd)
            {
                var buf = new byte[16];
                while (read(readEnd, buf, buf.Length) > 0) { }
                _ = close(writeEnd);
                _ = close(readEnd);
                return 0;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CopiedEnds_ParentKeepsReadEnd() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int Run()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return 1;
                int readEnd = fds[0];
                int writeEnd = fds[1];
                int pid = [|fork(() =>
                {
                    _ = close(writeEnd);
                    var buf = new byte[16];
                    while (read(readEnd, buf, buf.Length) > 0) { }
                    _ = close(readEnd);
                    return 0;
                })|];
                _ = write(writeEnd, new byte[] { 1 }, 1);
                _ = close(writeEnd);
                return pid;
            }
        }
        """);
}
