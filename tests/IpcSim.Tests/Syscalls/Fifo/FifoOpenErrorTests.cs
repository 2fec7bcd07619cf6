using static IpcSim.Tests.Syscalls.Fifo.FifoPaths;

namespace IpcSim.Tests.Syscalls.Fifo;

/// <summary>open(2) ERRORS that concern FIFOs and paths (EINTR and ENXIO are in FifoOpenTests).</summary>
public class FifoOpenErrorTests
{
    [Fact]
    public void Open_of_a_missing_path_without_O_CREAT_fails_with_ENOENT()
    {
        Sim.Run(() => ErrnoAssert.Fails(ENOENT, () => open(Unique(), O_RDONLY)));
    }

    [Fact]
    public void Open_of_an_empty_path_fails_with_ENOENT()
    {
        Sim.Run(() => ErrnoAssert.Fails(ENOENT, () => open("", O_RDONLY)));
    }

    [Fact]
    public void Open_of_a_null_path_fails_with_EFAULT()
    {
        Sim.Run(() => ErrnoAssert.Fails(EFAULT, () => open(null!, O_RDONLY)));
    }

    [Fact]
    public void Open_with_O_CREAT_and_O_EXCL_of_an_existing_FIFO_fails_with_EEXIST()
    {
        Sim.Run(() =>
        {
            var path = Unique();
            mkfifo(path, S_IRUSR | S_IWUSR);
            ErrnoAssert.Fails(EEXIST, () => open(path, O_RDWR | O_CREAT | O_EXCL, S_IRUSR));
            ErrnoAssert.Succeeds(() => open(path, O_RDWR | O_CREAT, S_IRUSR)); // O_CREAT alone opens it
        });
    }

    [Fact]
    public void Open_with_O_CREAT_and_O_EXCL_of_an_existing_host_file_fails_with_EEXIST()
    {
        Sim.Run(() => ErrnoAssert.Fails(EEXIST, () => open(Path.GetTempPath(), O_RDONLY | O_CREAT | O_EXCL, S_IRUSR)));
    }

    [Fact]
    public void Open_of_a_FIFO_without_permission_fails_with_EACCES()
    {
        Sim.Run(() =>
        {
            var path = Unique();
            mkfifo(path, S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH); // 0644
            BecomeUser(1000, 1000);
            ErrnoAssert.Fails(EACCES, () => open(path, O_WRONLY | O_NONBLOCK));
            ErrnoAssert.Fails(EACCES, () => open(path, O_RDWR));
            ErrnoAssert.Succeeds(() => open(path, O_RDONLY | O_NONBLOCK));
        });
    }

    [Fact]
    public void Open_of_a_FIFO_checks_owner_bits_for_its_creator()
    {
        Sim.Run(() =>
        {
            BecomeUser(1000, 1000);
            var path = Unique();
            mkfifo(path, S_IWUSR | S_IROTH); // owner may write only; others may read
            ErrnoAssert.Fails(EACCES, () => open(path, O_RDONLY | O_NONBLOCK));
            ErrnoAssert.Fails(ENXIO, () => open(path, O_WRONLY | O_NONBLOCK)); // permitted, but no reader
        });
    }

    [Fact]
    public void Open_for_writing_of_a_directory_fails_with_EISDIR()
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(EISDIR, () => open(Path.GetTempPath(), O_WRONLY));
            ErrnoAssert.Fails(EISDIR, () => open(Path.GetTempPath(), O_RDWR));
        });
    }

    [Fact]
    public void Open_with_the_descriptor_table_full_fails_with_EMFILE()
    {
        Sim.Run(() =>
        {
            var path = Unique();
            mkfifo(path, S_IRUSR | S_IWUSR);
            while (dup(1) != -1)
            {
            }

            ErrnoAssert.Fails(EMFILE, () => open(path, O_RDWR));
            ErrnoAssert.Fails(EMFILE, () => open(Unique(), O_RDONLY)); // EMFILE before the path is looked at
        });
    }

    [Fact]
    public void Open_of_a_path_with_a_too_long_component_fails_with_ENAMETOOLONG()
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(ENAMETOOLONG, () => open(Path.Combine(Path.GetTempPath(), new string('a', 256)), O_RDONLY));
            ErrnoAssert.Fails(ENAMETOOLONG, () => open("/" + string.Join('/', Enumerable.Repeat("abcdefgh", 500)), O_RDONLY));
        });
    }

    [Fact]
    public void Open_of_a_path_through_a_missing_directory_fails_with_ENOENT()
    {
        Sim.Run(() => ErrnoAssert.Fails(ENOENT, () => open(Path.Combine(Unique("dir"), "f"), O_RDONLY | O_CREAT, S_IRUSR)));
    }

    [Fact]
    public void Open_of_a_path_through_a_FIFO_fails_with_ENOTDIR()
    {
        Sim.Run(() =>
        {
            var path = Unique();
            mkfifo(path, S_IRUSR | S_IWUSR);
            ErrnoAssert.Fails(ENOTDIR, () => open(Path.Combine(path, "f"), O_RDONLY));
        });
    }

    [Fact]
    public void Open_with_access_mode_3_fails_with_EINVAL()
    {
        Sim.Run(() =>
        {
            var path = Unique();
            mkfifo(path, S_IRUSR | S_IWUSR);
            ErrnoAssert.Fails(EINVAL, () => open(path, O_ACCMODE));
        });
    }
}
