using static IpcSim.Tests.Syscalls.Fifo.FifoPaths;

namespace IpcSim.Tests.Syscalls.Fifo;

/// <summary>mkfifo(3), ERRORS included. The FIFO exists only in the simulation.</summary>
public class MkfifoTests
{
    [Fact]
    public void Mkfifo_makes_a_FIFO_in_the_simulation_only()
    {
        var path = Unique();
        Sim.Run(() =>
        {
            ErrnoAssert.Succeeds(() => mkfifo(path, S_IRUSR | S_IWUSR));
            lock (SimProcess.Current.Kernel.Gate)
            {
                Assert.Equal(0, SimProcess.Current.Kernel.Fs.Stat(path, out var st));
                Assert.True(st.IsFifo);
            }
        });
        Assert.False(File.Exists(path));
        Sim.Run(() => ErrnoAssert.Fails(ENOENT, () => open(path, O_RDONLY | O_NONBLOCK))); // another kernel: gone
    }

    [Fact]
    public void Mkfifo_masks_the_mode_with_a_umask_of_022_and_owns_the_FIFO_by_the_caller()
    {
        Sim.Run(() =>
        {
            BecomeUser(1234, 99);
            var path = Unique();
            mkfifo(path, 0b111_111_111 | 0x800); // 0777 | S_ISUID
            lock (SimProcess.Current.Kernel.Gate)
            {
                SimProcess.Current.Kernel.Fs.Stat(path, out var st);
                Assert.Equal(S_IFIFO | 0x800 | 0b111_101_101, st.Mode); // 04755
                Assert.Equal(1234u, st.Uid);
                Assert.Equal(99u, st.Gid);
            }
        });
    }

    [Fact]
    public void Mkfifo_on_an_existing_FIFO_fails_with_EEXIST()
    {
        Sim.Run(() =>
        {
            var path = Unique();
            mkfifo(path, S_IRUSR | S_IWUSR);
            ErrnoAssert.Fails(EEXIST, () => mkfifo(path, S_IRUSR | S_IWUSR));
        });
    }

    [Fact]
    public void Mkfifo_on_an_existing_host_file_or_directory_fails_with_EEXIST()
    {
        var file = Path.GetTempFileName();
        try
        {
            Sim.Run(() =>
            {
                ErrnoAssert.Fails(EEXIST, () => mkfifo(file, S_IRUSR | S_IWUSR));
                ErrnoAssert.Fails(EEXIST, () => mkfifo(Path.GetTempPath(), S_IRUSR | S_IWUSR));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Mkfifo_in_a_missing_directory_fails_with_ENOENT()
    {
        Sim.Run(() => ErrnoAssert.Fails(ENOENT, () => mkfifo(Path.Combine(Unique("dir"), "fifo"), S_IRUSR)));
    }

    [Fact]
    public void Mkfifo_of_an_empty_path_fails_with_ENOENT()
    {
        Sim.Run(() => ErrnoAssert.Fails(ENOENT, () => mkfifo("", S_IRUSR)));
    }

    [Fact]
    public void Mkfifo_with_a_null_path_fails_with_EFAULT()
    {
        Sim.Run(() => ErrnoAssert.Fails(EFAULT, () => mkfifo(null!, S_IRUSR)));
    }

    [Fact]
    public void Mkfifo_under_a_host_file_fails_with_ENOTDIR()
    {
        var file = Path.GetTempFileName();
        try
        {
            Sim.Run(() => ErrnoAssert.Fails(ENOTDIR, () => mkfifo(Path.Combine(file, "fifo"), S_IRUSR)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Mkfifo_under_a_FIFO_fails_with_ENOTDIR()
    {
        Sim.Run(() =>
        {
            var path = Unique();
            mkfifo(path, S_IRUSR | S_IWUSR);
            ErrnoAssert.Fails(ENOTDIR, () => mkfifo(Path.Combine(path, "inner"), S_IRUSR));
        });
    }

    [Fact]
    public void Mkfifo_with_a_too_long_name_fails_with_ENAMETOOLONG()
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(ENAMETOOLONG, () => mkfifo(Path.Combine(Path.GetTempPath(), new string('f', 256)), S_IRUSR));
            ErrnoAssert.Fails(ENAMETOOLONG, () => mkfifo(new string('/', 4096), S_IRUSR));
        });
    }

    [Fact]
    public void A_relative_path_is_taken_from_the_hosts_current_directory()
    {
        Sim.Run(() =>
        {
            var name = "ipcsim-rel-" + Guid.NewGuid().ToString("N");
            mkfifo(name, S_IRUSR | S_IWUSR);
            ErrnoAssert.Succeeds(() => open(Path.Combine(Environment.CurrentDirectory, name), O_RDWR));
            ErrnoAssert.Succeeds(() => unlink("./" + name));
        });
    }
}
