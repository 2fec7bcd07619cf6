namespace IpcSim.Tests.Syscalls.Fd;

/// <summary>close(2), ERRORS included.</summary>
public class CloseTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(1023)]
    [InlineData(1024)]
    public void Close_of_a_descriptor_that_is_not_open_fails_with_EBADF(int fd)
    {
        Sim.Run(() => ErrnoAssert.Fails(EBADF, () => close(fd)));
    }

    [Fact]
    public void Close_twice_fails_the_second_time_with_EBADF()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            ErrnoAssert.Succeeds(() => close(fds[0]));
            ErrnoAssert.Fails(EBADF, () => close(fds[0]));
        });
    }

    [Fact]
    public void Closing_one_of_two_duplicates_keeps_the_description_open()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var copy = dup(fds[1]);
            close(fds[1]);
            write(copy, [42], 1);
            close(copy);
            var buf = new byte[4];
            Assert.Equal(1, read(fds[0], buf, 4));
            Assert.Equal(42, buf[0]);
            Assert.Equal(0, read(fds[0], buf, 4)); // the last write descriptor is gone: EOF
        });
    }

    [Fact]
    public void Exit_closes_every_descriptor_of_the_process()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var child = TestFork.Start(() =>
            {
                dup(fds[1]);
                dup(fds[1]);
            });
            close(fds[1]);
            Assert.Equal(0, child.Wait());
            Assert.Equal(0, read(fds[0], new byte[4], 4));
            lock (child.Process.Kernel.Gate) Assert.Empty(child.Process.Files.OpenDescriptors());
        });
    }
}
