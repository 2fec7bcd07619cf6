namespace IpcSim.Tests.Fs;

/// <summary>The descriptor table: lowest free number, shared descriptions with reference counts, fork's copy.</summary>
public class FileTableTests
{
    private sealed class CountingFile() : OpenFile(Libc.O_RDWR)
    {
        internal int Releases { get; private set; }

        internal override long Read(SimProcess p, byte[] buf, int count) => 0;

        internal override long Write(SimProcess p, byte[] buf, int count) => count;

        protected override void Release() => Releases++;
    }

    [Fact]
    public void Install_takes_the_lowest_free_number()
    {
        var table = new FileTable();
        var f = new CountingFile();
        Assert.Equal(0, table.Install(f, false));
        Assert.Equal(1, table.Install(f, false));
        Assert.Equal(2, table.Install(f, false));
        table.Close(1);
        Assert.Equal(1, table.Install(f, false));
        Assert.Equal(7, table.Install(f, false, minFd: 7));
        Assert.Equal(3, table.Install(f, false));
        Assert.Equal(5, f.RefCount);
    }

    [Fact]
    public void A_description_is_released_when_its_last_descriptor_closes()
    {
        var table = new FileTable();
        var f = new CountingFile();
        var a = table.Install(f, false);
        var b = table.Install(f, false);
        table.Close(a);
        Assert.Equal(0, f.Releases);
        table.Close(b);
        Assert.Equal(1, f.Releases);
    }

    [Fact]
    public void A_clone_shares_descriptions_and_keeps_FD_CLOEXEC()
    {
        var table = new FileTable();
        var f = new CountingFile();
        var fd = table.Install(f, cloexec: true);
        var copy = table.Clone();
        Assert.Same(f, copy.Get(fd));
        Assert.True(copy.GetCloseOnExec(fd));
        Assert.Equal(2, f.RefCount);
        table.CloseAll();
        Assert.Equal(0, f.Releases);
        copy.CloseAll();
        Assert.Equal(1, f.Releases);
    }

    [Fact]
    public void The_table_holds_at_most_1024_descriptors()
    {
        var table = new FileTable();
        var f = new CountingFile();
        for (var i = 0; i < FileTable.MaxFiles; i++) Assert.Equal(i, table.Install(f, false));
        Assert.Equal(-EMFILE, table.Install(f, false));
        Assert.False(table.HasFree(1));
    }

    [Fact]
    public void Install_at_an_open_number_releases_what_was_there()
    {
        var table = new FileTable();
        var old = new CountingFile();
        var replacement = new CountingFile();
        table.Install(old, false);
        table.InstallAt(0, replacement, false);
        Assert.Equal(1, old.Releases);
        Assert.Same(replacement, table.Get(0));
        table.InstallAt(0, replacement, false); // dup2(fd, fd)-like: must not release it
        Assert.Equal(0, replacement.Releases);
    }

    [Fact]
    public void A_forked_child_inherits_the_descriptors_and_its_exit_closes_them()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var child = TestFork.Start(() =>
            {
                Assert.Equal(O_WRONLY, fcntl(fds[1], F_GETFL));
                write(fds[1], [3], 1);
            });
            close(fds[1]);
            var buf = new byte[2];
            Assert.Equal(1, read(fds[0], buf, 2));
            Assert.Equal(3, buf[0]);
            Assert.Equal(0, read(fds[0], buf, 2)); // blocks until the child exits and its copy closes
            Assert.Equal(0, child.Wait());
        });
    }
}
