namespace IpcSim.Tests.Syscalls.Pipe;

/// <summary>pipe(2) ERRORS, case by case.</summary>
public class PipeErrorTests
{
    [Fact]
    public void Pipe_with_a_null_array_fails_with_EFAULT()
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(EFAULT, () => pipe(null!));
            ErrnoAssert.Fails(EFAULT, () => pipe2(null!, 0));
        });
    }

    [Fact]
    public void Pipe_with_an_array_shorter_than_two_fails_with_EFAULT_and_allocates_nothing()
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(EFAULT, () => pipe(new int[1]));
            ErrnoAssert.Fails(EFAULT, () => pipe([]));
            Assert.Equal(3, dup(0)); // no descriptor was left behind
        });
    }

    [Theory]
    [InlineData(O_RDWR)]
    [InlineData(O_APPEND)]
    [InlineData(0x4000)] // O_DIRECT: packet mode is not simulated
    [InlineData(-1)]
    public void Pipe2_with_an_invalid_flag_fails_with_EINVAL(int flags)
    {
        Sim.Run(() => ErrnoAssert.Fails(EINVAL, () => pipe2(new int[2], flags)));
    }

    [Fact]
    public void Pipe_with_the_descriptor_table_full_fails_with_EMFILE()
    {
        Sim.Run(() =>
        {
            var fds = new int[2];
            int made = 0;
            while (pipe(fds) == 0) made++;
            Assert.Equal(EMFILE, errno);
            Assert.Equal((1024 - 3) / 2, made);
            // 1021 descriptors made 510 pipes: fd 1023 is free, and one is not enough for a pipe.
            Assert.Equal([1021, 1022], fds);
            ErrnoAssert.Fails(EMFILE, () => pipe(fds));
            close(1000);
            ErrnoAssert.Succeeds(() => pipe(fds));
            Assert.Equal([1000, 1023], fds);
        });
    }
}
