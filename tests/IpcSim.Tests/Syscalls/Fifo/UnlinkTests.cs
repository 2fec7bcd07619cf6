using static IpcSim.Tests.Syscalls.Fifo.FifoPaths;
using static IpcSim.Tests.Syscalls.Pipe.PipeTests;

namespace IpcSim.Tests.Syscalls.Fifo;

/// <summary>unlink(2): removes simulated files; never deletes host files.</summary>
public class UnlinkTests
{
    [Fact]
    public void Unlink_removes_a_FIFOs_name()
    {
        Sim.Run(() =>
        {
            var path = Unique();
            mkfifo(path, S_IRUSR | S_IWUSR);
            ErrnoAssert.Succeeds(() => unlink(path));
            ErrnoAssert.Fails(ENOENT, () => open(path, O_RDWR));
            ErrnoAssert.Fails(ENOENT, () => unlink(path));
            ErrnoAssert.Succeeds(() => mkfifo(path, S_IRUSR | S_IWUSR)); // the name is free again
        });
    }

    [Fact]
    public void Ends_opened_before_unlink_keep_working()
    {
        Sim.Run(() =>
        {
            var path = Unique();
            mkfifo(path, S_IRUSR | S_IWUSR);
            var r = open(path, O_RDONLY | O_NONBLOCK);
            var w = open(path, O_WRONLY);
            unlink(path);
            write(w, Bytes("still"), 5);
            var buf = new byte[8];
            Assert.Equal("still", Text(buf, read(r, buf, 8)));

            mkfifo(path, S_IRUSR | S_IWUSR); // a new FIFO under the old name is a different one
            ErrnoAssert.Fails(ENXIO, () => open(path, O_WRONLY | O_NONBLOCK));
            close(w);
            Assert.Equal(0, read(r, buf, 8));
        });
    }

    [Fact]
    public void Unlink_of_a_host_file_fails_with_EACCES_and_leaves_it_on_the_host()
    {
        var file = Path.GetTempFileName();
        try
        {
            Sim.Run(() => ErrnoAssert.Fails(EACCES, () => unlink(file)));
            Assert.True(File.Exists(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Unlink_of_a_host_directory_fails_with_EISDIR()
    {
        Sim.Run(() => ErrnoAssert.Fails(EISDIR, () => unlink(Path.GetTempPath())));
    }

    [Fact]
    public void Unlink_of_a_missing_path_fails_with_ENOENT()
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(ENOENT, () => unlink(Unique()));
            ErrnoAssert.Fails(ENOENT, () => unlink(""));
        });
    }

    [Fact]
    public void Unlink_of_a_null_path_fails_with_EFAULT()
    {
        Sim.Run(() => ErrnoAssert.Fails(EFAULT, () => unlink(null!)));
    }
}
