using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Conformance;

/// <summary>pipe(7)/fifo(7) behaviours checked against fs/pipe.c (pipe_read, pipe_write, fifo_open).</summary>
public class PipeConformanceTests
{
    private static int[] NewPipe(int flags = 0)
    {
        var fds = new int[2];
        ErrnoAssert.Succeeds(() => pipe2(fds, flags), "pipe2");
        return fds;
    }

    [Fact]
    public void A_zero_byte_write_to_a_pipe_without_readers_returns_0_without_SIGPIPE() => Sim.Run(() =>
    {
        var fds = NewPipe();
        close(fds[0]);
        Assert.Equal(0, write(fds[1], new byte[1], 0));            // pipe_write: "Null write succeeds" before the reader check
        signal(SIGPIPE, SIG_IGN);
        ErrnoAssert.Fails(EPIPE, () => write(fds[1], new byte[1], 1));
        close(fds[1]);
    });

    [Fact]
    public void A_zero_byte_read_of_an_empty_pipe_with_a_writer_returns_0_without_blocking() => Sim.Run(() =>
    {
        var fds = NewPipe();
        Assert.Equal(0, read(fds[0], new byte[4], 0));
        close(fds[0]);
        close(fds[1]);
    });

    [Fact]
    public void A_pipe_without_writers_returns_the_data_left_then_0() => Sim.Run(() =>
    {
        var fds = NewPipe();
        Assert.Equal(5, write(fds[1], "hello"u8.ToArray(), 5));
        close(fds[1]);
        var buf = new byte[3];
        Assert.Equal(3, read(fds[0], buf, 3));
        Assert.Equal(2, read(fds[0], buf, 3));
        Assert.Equal(0, read(fds[0], buf, 3));
        Assert.Equal(0, read(fds[0], buf, 3));
        close(fds[0]);
    });

    [Fact]
    public void A_nonblocking_read_of_an_empty_pipe_without_writers_returns_0_not_EAGAIN() => Sim.Run(() =>
    {
        var fds = NewPipe(O_NONBLOCK);
        ErrnoAssert.Fails(EAGAIN, () => read(fds[0], new byte[4], 4));
        close(fds[1]);
        Assert.Equal(0, read(fds[0], new byte[4], 4));
        close(fds[0]);
    });

    [Fact]
    public void A_write_to_a_pipe_whose_reader_exited_raises_SIGPIPE_and_kills_by_default() => Sim.Run(() =>
    {
        var fds = NewPipe();
        close(fds[0]);
        var child = fork(() => { write(fds[1], new byte[1], 1); exit(3); });
        close(fds[1]);
        Assert.Equal(child, waitpid(child, out var status, 0));
        Assert.True(WIFSIGNALED(status));
        Assert.Equal(SIGPIPE, WTERMSIG(status));
    });

    [Fact]
    public void Opening_a_FIFO_read_write_does_not_block_and_a_lone_nonblocking_writer_gets_ENXIO() => Sim.Run(() =>
    {
        var path = IpcSim.Tests.Syscalls.Fifo.FifoPaths.Unique("conform");
        Assert.Equal(0, mkfifo(path, S_IRUSR | S_IWUSR));
        ErrnoAssert.Fails(ENXIO, () => open(path, O_WRONLY | O_NONBLOCK));
        var rw = (int)ErrnoAssert.Succeeds(() => open(path, O_RDWR));
        var writer = (int)ErrnoAssert.Succeeds(() => open(path, O_WRONLY | O_NONBLOCK));  // a reader now exists
        Assert.Equal(2, write(writer, "ok"u8.ToArray(), 2));
        var buf = new byte[2];
        Assert.Equal(2, read(rw, buf, 2));
        close(writer);
        close(rw);
        unlink(path);
    });
}
