using static IpcSim.Tests.Syscalls.Pipe.PipeTests;

namespace IpcSim.Tests.Scenarios;

/// <summary>
/// End of file on a pipe comes only when every write descriptor, in every process, is closed:
/// the bug rule IPC014 is about is a reader that keeps a copy of the write end.
/// </summary>
public class PipeEofTests
{
    [Fact]
    public void No_EOF_while_another_process_still_holds_a_copy_of_the_write_end()
    {
        TestFork.Run(() =>
        {
            var data = new int[2];
            var go = new int[2];
            pipe(data);
            pipe(go);
            var child = TestFork.Start(() =>
            {
                close(data[0]);
                close(go[1]);
                var buf = new byte[8];
                Assert.Equal("close", Text(buf, read(go[0], buf, 8)));
                close(data[1]); // the last write end: the parent's read returns 0 now
                Assert.Equal("bye", Text(buf, read(go[0], buf, 8))); // still alive: EOF came from close, not exit
            });
            close(data[1]);
            close(go[0]);

            fcntl(data[0], F_SETFL, O_NONBLOCK);
            ErrnoAssert.Fails(EAGAIN, () => read(data[0], new byte[1], 1)); // not EOF: the child's copy is a writer
            fcntl(data[0], F_SETFL, 0);

            write(go[1], Bytes("close"), 5);
            Assert.Equal(0, read(data[0], new byte[1], 1)); // blocks until the child closes its copy
            lock (child.Process.Kernel.Gate) Assert.True(child.Process.IsAlive);
            write(go[1], Bytes("bye"), 3);
            Assert.Equal(0, child.Wait());
        });
    }

    [Fact]
    public void EOF_arrives_when_the_writer_exits_without_closing()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var child = TestFork.Start(() => write(fds[1], Bytes("done"), 4));
            close(fds[1]);
            var buf = new byte[8];
            Assert.Equal("done", Text(buf, read(fds[0], buf, 8)));
            Assert.Equal(0, read(fds[0], buf, 8));
            Assert.Equal(0, child.Wait());
        });
    }

    [Fact]
    public void A_reader_that_keeps_its_own_write_end_never_sees_EOF_and_the_simulation_reports_a_deadlock()
    {
        var ex = Assert.Throws<SimulationDeadlockException>(() => TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var child = TestFork.Start(() => write(fds[1], Bytes("x"), 1));
            // Missing: close(fds[1]);
            Assert.Equal(1, read(fds[0], new byte[8], 8));
            Assert.Equal(0, child.Wait());
            read(fds[0], new byte[8], 8); // waits for a writer that is itself
        }));
        Assert.Contains("read on pipe:[", ex.Message);
    }
}
