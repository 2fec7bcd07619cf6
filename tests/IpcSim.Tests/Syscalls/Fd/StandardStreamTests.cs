using System.Text;

namespace IpcSim.Tests.Syscalls.Fd;

public class StandardStreamTests
{
    [Fact]
    public void Write_to_fd_1_and_fd_2_goes_to_the_kernels_stdout_and_stderr_as_UTF8_text()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var status = new IpcSim.Kernel(new KernelOptions { Stdout = stdout, Stderr = stderr, Watchdog = Sim.Watchdog }).Run(() =>
        {
            var hello = Encoding.UTF8.GetBytes("héllo\n");
            write(1, hello, hello.Length);
            var euro = Encoding.UTF8.GetBytes("€"); // three bytes, written in two parts
            write(2, euro, 1);
            write(2, [euro[1], euro[2]], 2);
            return 0;
        });
        Assert.Equal(0, status);
        Assert.Equal("héllo\n", stdout.ToString());
        Assert.Equal("€", stderr.ToString());
    }

    [Fact]
    public void Read_from_fd_0_returns_zero_end_of_file()
    {
        Sim.Run(() => Assert.Equal(0, read(0, new byte[16], 16)));
    }

    [Fact]
    public void The_standard_streams_are_fds_0_1_2_so_the_first_new_descriptor_is_3()
    {
        Sim.Run(() =>
        {
            Assert.Equal(O_RDONLY, fcntl(0, F_GETFL));
            Assert.Equal(O_WRONLY, fcntl(1, F_GETFL));
            Assert.Equal(O_WRONLY, fcntl(2, F_GETFL));
            Assert.Equal(3, dup(1));
        });
    }

    [Fact]
    public void A_closed_standard_stream_number_is_reused_first()
    {
        Sim.Run(() =>
        {
            close(0);
            var fds = new int[2];
            pipe(fds);
            Assert.Equal([0, 3], fds);
        });
    }
}
