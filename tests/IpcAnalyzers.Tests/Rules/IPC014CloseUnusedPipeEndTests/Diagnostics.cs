using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC014CloseUnusedPipeEndTests
{
    [Fact]
    public Task Diagnostic_ReaderChildKeepsWriteEnd_AsInTheSample() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
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
                    long n;
                    do
                    {
                        n = read(fds[0], buf, buf.Length);
                    }
                    while (n > 0 || (n == -1 && errno == EINTR));
                    return 0;
                })|];
                if (pid == -1) return -1;
                _ = close(fds[0]);
                _ = close(fds[1]);
                return pid;
            }
        }
        """);

    [Fact]
    public async Task Diagnostic_Messages()
    {
        var compilation = TestCompilation.Create(["""
            using static IpcSim.Libc;
            class C
            {
                static void M()
                {
                    var p = new int[2];
                    _ = pipe(p);
                    _ = fork(() => { _ = read(p[0], new byte[1], 1); });
                    _ = write(p[1], new byte[1], 1);
                }
            }
            """]);
        var diagnostic = Assert.Single(await TestCompilation.AnalyzeAsync(compilation, [new IPC014CloseUnusedPipeEndAnalyzer()]));
        Assert.Equal(
            "After fork the child does not use p[1], and the parent does not use p[0]; close it so that the reader sees end of file",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task Diagnostic_ReaderClosesWriteEndOnlyAfterReading() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return;
                _ = [|fork(() =>
                {
                    var buf = new byte[8];
                    while (read(fds[0], buf, 8) > 0) { }
                    _ = close(fds[1]);
                    _ = close(fds[0]);
                })|];
                _ = close(fds[0]);
                _ = close(fds[1]);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ParentWriterKeepsReadEnd() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return;
                _ = [|fork(() => { _ = close(fds[1]); _ = read(fds[0], new byte[4], 4); })|];
                _ = write(fds[1], new byte[4], 4);
                _ = close(fds[1]);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ChildUsesNeither() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return;
                _ = [|fork(() => { _exit(0); })|];
                _ = close(fds[1]);
                _ = read(fds[0], new byte[1], 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_MethodGroupChildWithField_AndPipe2() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
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
                if (pipe2(Channel, O_CLOEXEC) == -1) return -1;
                int pid = [|fork(Produce)|];
                _ = close(Channel[1]);
                _ = read(Channel[0], new byte[1], 1);
                return pid;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ForkInsideALambda() => Verify.Analyzer<IPC014CloseUnusedPipeEndAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static Func<int> Launcher() => () =>
            {
                var fds = new int[2];
                if (pipe(fds) == -1) return -1;
                int pid = [|fork(() => { _ = close(fds[0]); _ = write(fds[1], new byte[1], 1); })|];
                return pid;
            };
        }
        """);

    [Theory]
    [InlineData("_ = pipe(fds); _ = [|fork(() => { _ = read(fds[0], ); })|];")]
    [InlineData("_ = pipe(fds); _ = fork(Missing);")]
    [InlineData("_ = pipe(); _ = fork(() => 0);")]
    [InlineData("_ = pipe(fds); _ = [|fork(() => { _ = read(fds[0], new byte[1], 1); })|]; _ = close(fds[")]
    public Task Diagnostic_BrokenCode_NoException(string body) => Verify.BrokenCode<IPC014CloseUnusedPipeEndAnalyzer>($$"""
        using static IpcSim.Libc;

        class C
        {
            static void M(int[] fds)
            {
                {{body}}
            }
        }
        """);
}
