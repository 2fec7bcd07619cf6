using static IpcSim.Tests.Syscalls.Pipe.PipeTests;

namespace IpcSim.Tests.Syscalls.Pipe;

/// <summary>pipe(7): blocking, waking, EOF, EPIPE and interruption.</summary>
public class PipeBlockingTests
{
    [Fact]
    public void Read_blocks_while_the_pipe_is_empty_and_returns_when_a_writer_writes()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var reader = TestFork.Start(() =>
            {
                var buf = new byte[16];
                var n = read(fds[0], buf, 16);
                Assert.Equal("wake", Text(buf, n));
            });
            reader.WaitUntilBlocked();
            write(fds[1], Bytes("wake"), 4);
            Assert.True(WIFEXITED(reader.Wait()));
            Assert.Equal(0, WEXITSTATUS(reader.Wait()));
        });
    }

    [Fact]
    public void A_blocked_read_returns_zero_when_the_last_writer_closes()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var reader = TestFork.Start(() =>
            {
                close(fds[1]);
                Assert.Equal(0, read(fds[0], new byte[16], 16));
            });
            reader.WaitUntilBlocked();
            close(fds[1]);
            Assert.Equal(0, reader.Wait());
        });
    }

    [Fact]
    public void Write_blocks_while_the_pipe_is_full_and_completes_as_the_reader_drains_it()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var writer = TestFork.Start(() =>
            {
                var big = new byte[200_000];
                for (var i = 0; i < big.Length; i++) big[i] = (byte)(i % 251);
                Assert.Equal(big.Length, write(fds[1], big, big.Length));
            });
            writer.WaitUntilBlocked();
            close(fds[1]);
            var buf = new byte[10_000];
            long total = 0, n;
            while ((n = read(fds[0], buf, buf.Length)) > 0)
            {
                for (var i = 0; i < n; i++) Assert.Equal((byte)((total + i) % 251), buf[i]);
                total += n;
            }

            Assert.Equal(200_000, total);
            Assert.Equal(0, writer.Wait());
        });
    }

    [Fact]
    public void A_write_of_at_most_PIPE_BUF_bytes_waits_until_all_of_it_fits()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            write(fds[1], new byte[65536 - 100], 65536 - 100);
            var writer = TestFork.Start(() => Assert.Equal(200, write(fds[1], new byte[200], 200)));
            writer.WaitUntilBlocked();

            Assert.Equal(50, read(fds[0], new byte[50], 50)); // 150 free: still not enough for 200
            var k = writer.Process.Kernel;
            lock (k.Gate)
            {
                Assert.NotEmpty(writer.Process.Waiters); // not even woken
                Assert.Equal(65536 - 150, BufferedIn(fds[0])); // and nothing of it went in
            }

            Assert.Equal(100, read(fds[0], new byte[100], 100)); // 250 free: now it fits
            Assert.Equal(0, writer.Wait());
            lock (k.Gate) Assert.Equal(65536 - 250 + 200, BufferedIn(fds[0]));
        });
    }

        [Fact]
    public void A_nonblocking_write_of_at_most_PIPE_BUF_bytes_is_all_or_EAGAIN()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe2(fds, O_NONBLOCK);
            write(fds[1], new byte[65536 - 100], 65536 - 100);
            ErrnoAssert.Fails(EAGAIN, () => write(fds[1], new byte[200], 200));
            Assert.Equal(100, write(fds[1], new byte[100], 100));
        });
    }

    [Fact]
    public void A_nonblocking_write_of_more_than_PIPE_BUF_bytes_writes_what_fits()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe2(fds, O_NONBLOCK);
            write(fds[1], new byte[65536 - 100], 65536 - 100);
            Assert.Equal(100, write(fds[1], new byte[5000], 5000));
            ErrnoAssert.Fails(EAGAIN, () => write(fds[1], new byte[5000], 5000));
        });
    }

    [Fact]
    public void A_write_with_no_reader_left_fails_with_EPIPE_when_SIGPIPE_is_ignored()
    {
        Sim.Run(() =>
        {
            signal(SIGPIPE, SIG_IGN);
            var fds = new int[2];
            pipe(fds);
            close(fds[0]);
            ErrnoAssert.Fails(EPIPE, () => write(fds[1], new byte[1], 1));
        });
    }

    [Fact]
    public void A_write_with_no_reader_left_kills_the_writer_with_SIGPIPE()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            close(fds[0]);
            var writer = TestFork.Start(() =>
            {
                write(fds[1], new byte[1], 1);
                Assert.Fail("the write should have killed the process");
            });
            var status = writer.Wait();
            Assert.True(WIFSIGNALED(status));
            Assert.Equal(SIGPIPE, WTERMSIG(status));
        });
    }

    [Fact]
    public void A_blocked_write_fails_with_EPIPE_when_the_last_reader_closes()
    {
        TestFork.Run(() =>
        {
            signal(SIGPIPE, SIG_IGN);
            var fds = new int[2];
            pipe(fds);
            write(fds[1], new byte[65536], 65536);
            var writer = TestFork.Start(() =>
            {
                close(fds[0]);
                ErrnoAssert.Fails(EPIPE, () => write(fds[1], new byte[10], 10));
            });
            writer.WaitUntilBlocked();
            close(fds[0]);
            Assert.Equal(0, writer.Wait());
        });
    }

        [Fact]
    public void A_large_write_cut_short_by_EPIPE_returns_the_bytes_written()
    {
        TestFork.Run(() =>
        {
            signal(SIGPIPE, SIG_IGN);
            var fds = new int[2];
            pipe(fds);
            var writer = TestFork.Start(() =>
            {
                close(fds[0]);
                Assert.Equal(65536 + 1000, write(fds[1], new byte[100_000], 100_000));
            });
            writer.WaitUntilBlocked();
            Assert.Equal(1000, read(fds[0], new byte[1000], 1000));
            writer.WaitUntilBlocked();
            close(fds[0]);
            Assert.Equal(0, writer.Wait());
        });
    }

    [Fact]
    public void An_interrupted_blocking_read_fails_with_EINTR()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var reader = TestFork.Start(() =>
            {
                ErrnoAssert.Fails(EINTR, () => read(fds[0], new byte[8], 8));
            });
            reader.WaitUntilBlocked();
            reader.Interrupt();
            Assert.Equal(0, reader.Wait());
        });
    }

    [Fact]
    public void An_interrupted_blocking_write_fails_with_EINTR_when_nothing_was_written()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            write(fds[1], new byte[65536], 65536);
            var writer = TestFork.Start(() =>
            {
                ErrnoAssert.Fails(EINTR, () => write(fds[1], new byte[10], 10));
            });
            writer.WaitUntilBlocked();
            writer.Interrupt();
            Assert.Equal(0, writer.Wait());
        });
    }

    [Fact]
    public void An_interrupted_large_write_returns_the_bytes_already_written()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var writer = TestFork.Start(() =>
            {
                Assert.Equal(65536, write(fds[1], new byte[100_000], 100_000));
            });
            writer.WaitUntilBlocked();
            writer.Interrupt();
            Assert.Equal(0, writer.Wait());
            Assert.Equal(65536, DrainCount(fds[0], 100_000, nonBlocking: true));
        });
    }

    [Fact]
    public void One_write_for_two_sleeping_readers_wakes_the_second_with_what_the_first_left()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var readers = new[]
            {
                TestFork.Start(() => Assert.Equal(1, read(fds[0], new byte[1], 1))),
                TestFork.Start(() => Assert.Equal(1, read(fds[0], new byte[1], 1))),
            };
            foreach (var r in readers) r.WaitUntilBlocked();
            write(fds[1], [1, 2], 2); // wakes one reader; it passes the turn on
            foreach (var r in readers) Assert.Equal(0, r.Wait());
        });
    }

    [Fact]
    public void Space_freed_for_two_sleeping_writers_lets_both_finish()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            write(fds[1], new byte[65536], 65536);
            var writers = new[]
            {
                TestFork.Start(() => Assert.Equal(10, write(fds[1], new byte[10], 10))),
                TestFork.Start(() => Assert.Equal(10, write(fds[1], new byte[10], 10))),
            };
            foreach (var w in writers) w.WaitUntilBlocked();
            Assert.Equal(20, read(fds[0], new byte[20], 20));
            foreach (var w in writers) Assert.Equal(0, w.Wait());
            lock (writers[0].Process.Kernel.Gate) Assert.Equal(65536, BufferedIn(fds[0]));
        });
    }

    [Fact]
    public void A_nonblocking_flag_set_on_a_dup_applies_to_the_shared_description()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var copy = dup(fds[0]);
            fcntl(copy, F_SETFL, O_NONBLOCK);
            Assert.Equal(O_RDONLY | O_NONBLOCK, fcntl(fds[0], F_GETFL));
            ErrnoAssert.Fails(EAGAIN, () => read(fds[0], new byte[1], 1));
        });
    }

    /// <summary>Call with the Gate held: the bytes buffered in the pipe behind <paramref name="fd"/>.</summary>
    internal static int BufferedIn(int fd) => ((PipeFile)SimProcess.Current.Files.Get(fd)!).Pipe.Length;

    private static long DrainCount(int fd, int max, bool nonBlocking = false)
    {
        if (nonBlocking) fcntl(fd, F_SETFL, O_NONBLOCK);
        var buf = new byte[max];
        long total = 0;
        while (total < max)
        {
            var n = read(fd, buf, max - total);
            if (n <= 0) break;
            total += n;
        }

        return total;
    }
}
