using System.Text;

namespace IpcSim.Tests.Syscalls.Pipe;

public class PipeTests
{
    internal static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    internal static string Text(byte[] buf, long n) => Encoding.UTF8.GetString(buf, 0, (int)n);

    [Fact]
    public void Pipe_returns_the_two_lowest_free_descriptors_read_end_first()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            ErrnoAssert.Succeeds(() => pipe(fds));
            Assert.Equal([3, 4], fds);
            close(fds[0]);
            var again = new int[2];
            ErrnoAssert.Succeeds(() => pipe(again));
            Assert.Equal([3, 5], again);
        });
    }

    [Fact]
    public void Bytes_written_to_the_write_end_are_read_from_the_read_end_in_order()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            Assert.Equal(5, write(fds[1], Bytes("hello"), 5));
            Assert.Equal(6, write(fds[1], Bytes(" world"), 6));
            var buf = new byte[64];
            var n = read(fds[0], buf, buf.Length);
            Assert.Equal("hello world", Text(buf, n));
        });
    }

    [Fact]
    public void Read_returns_what_is_available_up_to_count()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            write(fds[1], Bytes("abcdef"), 6);
            var buf = new byte[4];
            Assert.Equal(4, read(fds[0], buf, 4));
            Assert.Equal("abcd", Text(buf, 4));
            Assert.Equal(2, read(fds[0], buf, 4));
            Assert.Equal("ef", Text(buf, 2));
        });
    }

    [Fact]
    public void Write_sends_only_the_first_count_bytes_of_the_buffer()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            Assert.Equal(3, write(fds[1], Bytes("abcdef"), 3));
            close(fds[1]);
            var buf = new byte[16];
            Assert.Equal(3, read(fds[0], buf, 16));
            Assert.Equal(0, read(fds[0], buf, 16));
        });
    }

    [Fact]
    public void Read_and_write_of_zero_bytes_return_zero()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            Assert.Equal(0, write(fds[1], new byte[1], 0));
            Assert.Equal(0, read(fds[0], new byte[1], 0)); // does not block on the empty pipe
        });
    }

    [Fact]
    public void Read_returns_zero_EOF_once_the_write_end_is_closed_and_the_buffer_drained()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            write(fds[1], Bytes("last"), 4);
            close(fds[1]);
            var buf = new byte[16];
            Assert.Equal(4, read(fds[0], buf, 16));
            Assert.Equal(0, read(fds[0], buf, 16));
            Assert.Equal(0, read(fds[0], buf, 16));
        });
    }

    [Fact]
    public void The_pipe_holds_65536_bytes_and_then_a_nonblocking_write_fails_with_EAGAIN()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe2(fds, O_NONBLOCK);
            var chunk = new byte[4096];
            for (var i = 0; i < 16; i++) Assert.Equal(4096, write(fds[1], chunk, chunk.Length));
            ErrnoAssert.Fails(EAGAIN, () => write(fds[1], chunk, 1));
            Assert.Equal(1, read(fds[0], chunk, 1));
            Assert.Equal(1, write(fds[1], chunk, 1));
        });
    }

    [Fact]
    public void Data_wraps_around_the_buffer_without_corruption()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe2(fds, O_NONBLOCK);
            var outBuf = new byte[40_000];
            var inBuf = new byte[40_000];
            byte next = 0, expected = 0;
            for (var round = 0; round < 10; round++)
            {
                for (var i = 0; i < outBuf.Length; i++) outBuf[i] = next++;
                Assert.Equal(outBuf.Length, write(fds[1], outBuf, outBuf.Length));
                Assert.Equal(inBuf.Length, read(fds[0], inBuf, inBuf.Length));
                foreach (var b in inBuf) Assert.Equal(expected++, b);
            }
        });
    }

    [Fact]
    public void Pipe2_with_O_NONBLOCK_makes_both_ends_nonblocking()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            ErrnoAssert.Succeeds(() => pipe2(fds, O_NONBLOCK));
            Assert.Equal(O_RDONLY | O_NONBLOCK, fcntl(fds[0], F_GETFL));
            Assert.Equal(O_WRONLY | O_NONBLOCK, fcntl(fds[1], F_GETFL));
            ErrnoAssert.Fails(EAGAIN, () => read(fds[0], new byte[1], 1));
        });
    }

    [Fact]
    public void Pipe2_with_O_CLOEXEC_sets_FD_CLOEXEC_on_both_descriptors_and_pipe_does_not()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe2(fds, O_CLOEXEC);
            Assert.Equal(FD_CLOEXEC, fcntl(fds[0], F_GETFD));
            Assert.Equal(FD_CLOEXEC, fcntl(fds[1], F_GETFD));
            Assert.Equal(O_RDONLY, fcntl(fds[0], F_GETFL));
            var plain = new int[2];
            pipe(plain);
            Assert.Equal(0, fcntl(plain[0], F_GETFD));
            Assert.Equal(0, fcntl(plain[1], F_GETFD));
        });
    }

    [Fact]
    public void A_nonblocking_read_of_an_empty_pipe_with_a_writer_fails_with_EAGAIN_not_EOF()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            fcntl(fds[0], F_SETFL, O_NONBLOCK);
            ErrnoAssert.Fails(EAGAIN, () => read(fds[0], new byte[8], 8));
            close(fds[1]);
            Assert.Equal(0, read(fds[0], new byte[8], 8));
        });
    }
}
