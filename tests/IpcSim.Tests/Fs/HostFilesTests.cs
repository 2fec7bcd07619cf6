namespace IpcSim.Tests.Fs;

/// <summary>The host side of the simulated file system: stable device and inode numbers per path.</summary>
public sealed class HostFilesTests : IDisposable
{
    private readonly string fileA = Path.GetTempFileName();
    private readonly string fileB = Path.GetTempFileName();

    public void Dispose()
    {
        File.Delete(fileA);
        File.Delete(fileB);
    }

    [Fact]
    public void On_64_bit_Linux_the_hosts_own_stat_answers()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(HostFiles.UsesHostStat);
        Assert.Equal(0, HostFiles.Stat(fileA, out var st));
        Assert.True(st.IsRegular);
        Assert.Equal(0, HostFiles.Stat(Path.GetTempPath(), out var dir));
        Assert.True(dir.IsDirectory);
        Assert.Equal((long)"x".Length, WriteAndStatSize(fileA, "x"));
    }

    [Fact]
    public void A_path_keeps_its_numbers_and_two_files_get_different_inodes()
    {
        Assert.Equal(0, HostFiles.Stat(fileA, out var a1));
        Assert.Equal(0, HostFiles.Stat(fileA, out var a2));
        Assert.Equal(0, HostFiles.Stat(fileB, out var b));
        Assert.Equal((a1.Dev, a1.Ino), (a2.Dev, a2.Ino));
        Assert.NotEqual(a1.Ino, b.Ino);
    }

    [Fact]
    public void The_first_sight_table_used_off_Linux_is_stable_and_tells_files_apart()
    {
        Assert.Equal(0, HostFiles.StatByTable(fileA, out var a1));
        Assert.Equal(0, HostFiles.StatByTable(fileB, out var b));
        Assert.Equal(0, HostFiles.StatByTable(fileA, out var a2));
        Assert.Equal(0, HostFiles.StatByTable(Path.GetTempPath().TrimEnd('/'), out var dir));
        Assert.Equal(a1, a2);
        Assert.NotEqual(a1.Ino, b.Ino);
        Assert.Equal(a1.Dev, b.Dev); // one volume, one device
        Assert.True(a1.IsRegular);
        Assert.True(dir.IsDirectory);
        Assert.Equal(-ENOENT, HostFiles.StatByTable(fileA + ".missing", out _));
    }

    [Fact]
    public void A_missing_host_path_is_ENOENT()
    {
        Assert.Equal(-ENOENT, HostFiles.Stat(fileA + ".missing", out _));
    }

    private static long WriteAndStatSize(string path, string text)
    {
        File.WriteAllText(path, text);
        HostFiles.Stat(path, out var st);
        return st.Size;
    }
}
