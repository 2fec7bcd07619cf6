namespace IpcSim.Tests.Syscalls.Fd;

/// <summary>fcntl(2): F_GETFD/F_SETFD, F_GETFL/F_SETFL, F_DUPFD; ERRORS included.</summary>
public class FcntlTests
{
    [Fact]
    public void F_SETFD_sets_and_clears_FD_CLOEXEC_on_that_descriptor_only()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var copy = dup(fds[0]);
            Assert.Equal(0, fcntl(fds[0], F_SETFD, FD_CLOEXEC));
            Assert.Equal(FD_CLOEXEC, fcntl(fds[0], F_GETFD));
            Assert.Equal(0, fcntl(copy, F_GETFD));
            fcntl(fds[0], F_SETFD, 0);
            Assert.Equal(0, fcntl(fds[0], F_GETFD));
        });
    }

    [Fact]
    public void F_GETFL_reports_the_access_mode_and_status_flags()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            Assert.Equal(O_RDONLY, fcntl(fds[0], F_GETFL) & O_ACCMODE);
            Assert.Equal(O_WRONLY, fcntl(fds[1], F_GETFL) & O_ACCMODE);
        });
    }

    [Fact]
    public void F_SETFL_changes_only_O_NONBLOCK_and_O_APPEND()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            Assert.Equal(0, fcntl(fds[0], F_SETFL, O_RDWR | O_NONBLOCK | O_APPEND | O_CREAT | O_CLOEXEC));
            Assert.Equal(O_RDONLY | O_NONBLOCK | O_APPEND, fcntl(fds[0], F_GETFL));
            fcntl(fds[0], F_SETFL, 0);
            Assert.Equal(O_RDONLY, fcntl(fds[0], F_GETFL));
        });
    }

    [Fact]
    public void F_SETFL_O_NONBLOCK_is_shared_with_a_forked_childs_copy()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var child = TestFork.Start(() => fcntl(fds[0], F_SETFL, O_NONBLOCK));
            Assert.Equal(0, child.Wait());
            Assert.Equal(O_RDONLY | O_NONBLOCK, fcntl(fds[0], F_GETFL));
        });
    }

    [Fact]
    public void F_DUPFD_returns_the_lowest_free_descriptor_at_or_above_arg()
    {
        Sim.Run(() =>
        {
            Assert.Equal(10, fcntl(1, F_DUPFD, 10));
            Assert.Equal(11, fcntl(1, F_DUPFD, 10));
            Assert.Equal(3, fcntl(1, F_DUPFD, 0));
            Assert.Equal(0, fcntl(10, F_GETFD));
            var fd = fcntl(1, F_DUPFD_CLOEXEC, 10);
            Assert.Equal(12, fd);
            Assert.Equal(FD_CLOEXEC, fcntl(fd, F_GETFD));
        });
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1024)]
    public void F_DUPFD_with_arg_outside_the_limit_fails_with_EINVAL(int arg)
    {
        Sim.Run(() => ErrnoAssert.Fails(EINVAL, () => fcntl(1, F_DUPFD, arg)));
    }

    [Fact]
    public void F_DUPFD_with_no_free_descriptor_at_or_above_arg_fails_with_EMFILE()
    {
        Sim.Run(() =>
        {
            dup2(1, 1023);
            ErrnoAssert.Fails(EMFILE, () => fcntl(1, F_DUPFD, 1023));
            Assert.Equal(1022, fcntl(1, F_DUPFD, 1022));
        });
    }

    [Theory]
    [InlineData(F_GETFD)]
    [InlineData(F_SETFD)]
    [InlineData(F_GETFL)]
    [InlineData(F_SETFL)]
    [InlineData(F_DUPFD)]
    public void Fcntl_on_a_descriptor_that_is_not_open_fails_with_EBADF(int cmd)
    {
        Sim.Run(() => ErrnoAssert.Fails(EBADF, () => fcntl(42, cmd, 0)));
    }

    [Theory]
    [InlineData(5)]    // F_GETLK: locks are not simulated
    [InlineData(999)]
    [InlineData(-1)]
    public void Fcntl_with_an_unknown_command_fails_with_EINVAL(int cmd)
    {
        Sim.Run(() => ErrnoAssert.Fails(EINVAL, () => fcntl(1, cmd, 0)));
    }

    [Fact]
    public void A_bad_descriptor_is_reported_before_an_unknown_command()
    {
        Sim.Run(() => ErrnoAssert.Fails(EBADF, () => fcntl(42, 999)));
    }
}
