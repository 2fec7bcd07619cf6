namespace IpcSim.Tests.Syscalls.Fd;

/// <summary>read(2) and write(2) ERRORS, case by case (EAGAIN, EINTR and EPIPE are in PipeBlockingTests).</summary>
public class ReadWriteErrorTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    [InlineData(1024)]
    [InlineData(int.MaxValue)]
    public void Read_and_write_of_a_descriptor_that_is_not_open_fail_with_EBADF(int fd)
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(EBADF, () => read(fd, new byte[1], 1));
            ErrnoAssert.Fails(EBADF, () => write(fd, new byte[1], 1));
        });
    }

    [Fact]
    public void Read_and_write_of_a_closed_descriptor_fail_with_EBADF()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            close(fds[0]);
            close(fds[1]);
            ErrnoAssert.Fails(EBADF, () => read(fds[0], new byte[1], 1));
            ErrnoAssert.Fails(EBADF, () => write(fds[1], new byte[1], 1));
        });
    }

    [Fact]
    public void Write_to_a_read_end_and_read_from_a_write_end_fail_with_EBADF()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            ErrnoAssert.Fails(EBADF, () => write(fds[0], new byte[1], 1));
            ErrnoAssert.Fails(EBADF, () => read(fds[1], new byte[1], 1));
        });
    }

    [Fact]
    public void A_null_buffer_fails_with_EFAULT()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            ErrnoAssert.Fails(EFAULT, () => read(fds[0], null!, 1));
            ErrnoAssert.Fails(EFAULT, () => write(fds[1], null!, 1));
        });
    }

    [Fact]
    public void A_count_above_the_buffer_length_fails_with_EFAULT_and_transfers_nothing()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe2(fds, O_NONBLOCK);
            ErrnoAssert.Fails(EFAULT, () => write(fds[1], new byte[4], 5));
            ErrnoAssert.Fails(EAGAIN, () => read(fds[0], new byte[8], 8)); // nothing went in
            write(fds[1], new byte[8], 8);
            ErrnoAssert.Fails(EFAULT, () => read(fds[0], new byte[4], 5));
            Assert.Equal(8, read(fds[0], new byte[8], 8)); // nothing came out
        });
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void A_negative_count_fails_with_EINVAL(long count)
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            ErrnoAssert.Fails(EINVAL, () => read(fds[0], new byte[1], count));
            ErrnoAssert.Fails(EINVAL, () => write(fds[1], new byte[1], count));
        });
    }

    [Fact]
    public void A_bad_descriptor_is_reported_before_a_bad_buffer()
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(EBADF, () => read(99, null!, 1));
            ErrnoAssert.Fails(EBADF, () => write(99, new byte[1], -1));
        });
    }

    [Fact]
    public void Read_of_a_directory_fails_with_EISDIR()
    {
        Sim.Run(() =>
        {
            var fd = (int)ErrnoAssert.Succeeds(() => open(Path.GetTempPath(), O_RDONLY));
            ErrnoAssert.Fails(EISDIR, () => read(fd, new byte[8], 8));
            close(fd);
        });
    }
}
