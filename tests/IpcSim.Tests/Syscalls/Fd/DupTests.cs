namespace IpcSim.Tests.Syscalls.Fd;

/// <summary>dup(2) and dup2(2), ERRORS included.</summary>
public class DupTests
{
    [Fact]
    public void Dup_returns_the_lowest_free_descriptor_sharing_the_description()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            close(0);
            Assert.Equal(0, dup(fds[1]));
            write(0, [7], 1);
            var buf = new byte[1];
            Assert.Equal(1, read(fds[0], buf, 1));
            Assert.Equal(7, buf[0]);
        });
    }

    [Fact]
    public void Dup_clears_FD_CLOEXEC_on_the_new_descriptor()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe2(fds, O_CLOEXEC);
            var copy = dup(fds[0]);
            Assert.Equal(0, fcntl(copy, F_GETFD));
            Assert.Equal(FD_CLOEXEC, fcntl(fds[0], F_GETFD));
        });
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(9)]
    [InlineData(5000)]
    public void Dup_of_a_descriptor_that_is_not_open_fails_with_EBADF(int fd)
    {
        Sim.Run(() => ErrnoAssert.Fails(EBADF, () => dup(fd)));
    }

    [Fact]
    public void Dup_with_the_table_full_fails_with_EMFILE()
    {
        Sim.Run(() =>
        {
            while (dup(1) != -1)
            {
            }

            Assert.Equal(EMFILE, errno);
            close(500);
            Assert.Equal(500, dup(1));
            ErrnoAssert.Fails(EMFILE, () => dup(1));
        });
    }

    [Fact]
    public void Dup2_closes_newfd_silently_and_makes_it_a_copy_of_oldfd()
    {
        Sim.Run(() =>
        {
            var a = new int[2];
            var b = new int[2];
            pipe(a);
            pipe(b);
            Assert.Equal(b[1], dup2(a[1], b[1]));
            close(a[1]);
            Assert.Equal(0, read(b[0], new byte[1], 1)); // b's only writer was closed by dup2: EOF
            write(b[1], [9], 1); // which now writes into a
            var buf = new byte[1];
            Assert.Equal(1, read(a[0], buf, 1));
            Assert.Equal(9, buf[0]);
        });
    }

    [Fact]
    public void Dup2_to_a_free_number_above_the_others_uses_exactly_that_number()
    {
        Sim.Run(() =>
        {
            Assert.Equal(1000, dup2(1, 1000));
            Assert.Equal(O_WRONLY, fcntl(1000, F_GETFL));
            Assert.Equal(3, dup(1));
        });
    }

    [Fact]
    public void Dup2_with_equal_descriptors_returns_it_and_changes_nothing()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe2(fds, O_CLOEXEC);
            Assert.Equal(fds[0], dup2(fds[0], fds[0]));
            Assert.Equal(FD_CLOEXEC, fcntl(fds[0], F_GETFD));
            write(fds[1], [1], 1);
            Assert.Equal(1, read(fds[0], new byte[1], 1));
        });
    }

    [Fact]
    public void Dup2_with_equal_descriptors_that_are_not_open_fails_with_EBADF()
    {
        Sim.Run(() => ErrnoAssert.Fails(EBADF, () => dup2(9, 9)));
    }

    [Fact]
    public void Dup2_of_a_descriptor_that_is_not_open_fails_with_EBADF_and_leaves_newfd_open()
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(EBADF, () => dup2(9, 1));
            Assert.Equal(O_WRONLY, fcntl(1, F_GETFL));
        });
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1024)]
    [InlineData(int.MaxValue)]
    public void Dup2_to_a_number_outside_the_limit_fails_with_EBADF(int newfd)
    {
        Sim.Run(() => ErrnoAssert.Fails(EBADF, () => dup2(1, newfd)));
    }
}
