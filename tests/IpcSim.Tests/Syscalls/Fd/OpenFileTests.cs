using System.Text;
using static IpcSim.Tests.Syscalls.Fifo.FifoPaths;
using static IpcSim.Tests.Syscalls.Pipe.PipeTests;

namespace IpcSim.Tests.Syscalls.Fd;

/// <summary>open(2) of regular files: host files read-only, O_CREAT files in memory.</summary>
public sealed class OpenFileTests : IDisposable
{
    private readonly string hostFile = Path.GetTempFileName();

    public OpenFileTests() => File.WriteAllText(hostFile, "host bytes");

    public void Dispose() => File.Delete(hostFile);

    [Fact]
    public void A_host_file_opened_read_only_reads_its_bytes_at_the_descriptions_offset()
    {
        Sim.Run(() =>
        {
            var fd = (int)ErrnoAssert.Succeeds(() => open(hostFile, O_RDONLY));
            var buf = new byte[4];
            Assert.Equal("host", Text(buf, read(fd, buf, 4)));
            var copy = dup(fd); // shares the offset
            var rest = new byte[32];
            Assert.Equal(" bytes", Text(rest, read(copy, rest, 32)));
            Assert.Equal(0, read(fd, rest, 32));
            ErrnoAssert.Fails(EBADF, () => write(fd, buf, 1));
            close(fd);
            close(copy);
        });
    }

    [Theory]
    [InlineData(O_WRONLY)]
    [InlineData(O_RDWR)]
    [InlineData(O_RDONLY | O_TRUNC)]
    [InlineData(O_WRONLY | O_CREAT)]
    public void A_host_file_opened_for_writing_fails_with_EACCES_and_is_left_alone(int flags)
    {
        Sim.Run(() => ErrnoAssert.Fails(EACCES, () => open(hostFile, flags, S_IRUSR | S_IWUSR)));
        Assert.Equal("host bytes", File.ReadAllText(hostFile));
    }

    [Fact]
    public void O_CREAT_on_a_missing_path_makes_an_in_memory_file_that_never_reaches_the_host()
    {
        var path = Unique("file");
        Sim.Run(() =>
        {
            var fd = (int)ErrnoAssert.Succeeds(() => open(path, O_RDWR | O_CREAT | O_EXCL, S_IRUSR | S_IWUSR));
            write(fd, Bytes("abc"), 3);
            close(fd);
            fd = open(path, O_RDONLY);
            var buf = new byte[8];
            Assert.Equal("abc", Text(buf, read(fd, buf, 8)));
            ErrnoAssert.Fails(EEXIST, () => open(path, O_RDWR | O_CREAT | O_EXCL, S_IRUSR));
            close(fd);
            ErrnoAssert.Succeeds(() => unlink(path));
            ErrnoAssert.Fails(ENOENT, () => open(path, O_RDONLY));
        });
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void O_APPEND_writes_at_the_end_and_O_TRUNC_empties_an_in_memory_file()
    {
        Sim.Run(() =>
        {
            var path = Unique("file");
            var w = open(path, O_WRONLY | O_CREAT, S_IRUSR | S_IWUSR);
            write(w, Bytes("one"), 3);
            var a = open(path, O_WRONLY | O_APPEND);
            write(a, Bytes("two"), 3);
            write(w, Bytes("!"), 1); // w's offset is 3: overwrites the 't'
            var r = open(path, O_RDONLY);
            var buf = new byte[16];
            Assert.Equal("one!wo", Text(buf, read(r, buf, 16)));
            close(open(path, O_WRONLY | O_TRUNC));
            var r2 = open(path, O_RDONLY);
            Assert.Equal(0, read(r2, buf, 16));
        });
    }

    [Fact]
    public void An_in_memory_file_checks_its_mode_against_an_ordinary_user()
    {
        Sim.Run(() =>
        {
            var path = Unique("file");
            close(open(path, O_WRONLY | O_CREAT, S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH)); // 0666 & ~022 = 0644
            BecomeUser(1000, 1000);
            ErrnoAssert.Succeeds(() => open(path, O_RDONLY));
            ErrnoAssert.Fails(EACCES, () => open(path, O_WRONLY));
        });
    }

    [Fact]
    public void A_host_directory_opens_read_only()
    {
        Sim.Run(() =>
        {
            var fd = (int)ErrnoAssert.Succeeds(() => open(Path.GetTempPath(), O_RDONLY));
            Assert.Equal(O_RDONLY, fcntl(fd, F_GETFL));
            close(fd);
        });
    }

    [Fact]
    public void O_CLOEXEC_on_open_sets_FD_CLOEXEC_and_O_NONBLOCK_is_a_status_flag()
    {
        Sim.Run(() =>
        {
            var fd = open(hostFile, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
            Assert.Equal(FD_CLOEXEC, fcntl(fd, F_GETFD));
            Assert.Equal(O_RDONLY | O_NONBLOCK, fcntl(fd, F_GETFL));
            close(fd);
        });
    }

    [Fact]
    public void Host_bytes_are_read_as_they_are_on_disk()
    {
        File.WriteAllBytes(hostFile, Encoding.UTF8.GetBytes("ünï"));
        Sim.Run(() =>
        {
            var fd = open(hostFile, O_RDONLY);
            var buf = new byte[16];
            Assert.Equal(5, read(fd, buf, 16));
            Assert.Equal("ünï", Text(buf, 5));
            close(fd);
        });
    }
}
