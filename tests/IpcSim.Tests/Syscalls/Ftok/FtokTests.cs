using System.Diagnostics;
using System.Globalization;
using static IpcSim.Tests.Syscalls.Fifo.FifoPaths;

namespace IpcSim.Tests.Syscalls.Ftok;

/// <summary>ftok(3): glibc's formula over the simulated stat of the path.</summary>
public sealed class FtokTests : IDisposable
{
    private readonly string fileA = Path.GetTempFileName();
    private readonly string fileB = Path.GetTempFileName();

    public void Dispose()
    {
        File.Delete(fileA);
        File.Delete(fileB);
    }

    [Fact]
    public void The_same_path_and_proj_id_give_the_same_key_every_time()
    {
        int first = 0, second = 0, relative = 0;
        Sim.Run(() =>
        {
            first = (int)ErrnoAssert.Succeeds(() => ftok(fileA, 'A'));
            Assert.Equal(first, ftok(fileA, 'A'));
            Assert.Equal(first, ftok(fileA + "/", 'A'));
            Assert.Equal(first, ftok(Path.Combine(Path.GetDirectoryName(fileA)!, ".", Path.GetFileName(fileA)), 'A'));
            relative = ftok(Path.GetRelativePath(Environment.CurrentDirectory, fileA), 'A');
        });
        Sim.Run(() =>
        {
            second = ftok(fileA, 'A');
        });
        Assert.Equal(first, second); // in another kernel too
        Assert.Equal(first, relative);
    }

    [Fact]
    public void Different_files_give_different_keys()
    {
        Sim.Run(() =>
        {
            var a = ftok(fileA, 'A');
            var b = ftok(fileB, 'A');
            var dir = ftok(Path.GetTempPath(), 'A');
            Assert.NotEqual(a, b);
            Assert.NotEqual(a, dir);
            Assert.NotEqual(b, dir);
        });
    }

    [Fact]
    public void The_proj_id_is_the_keys_top_byte_and_only_its_low_8_bits_count()
    {
        Sim.Run(() =>
        {
            var a = ftok(fileA, 'A');
            var b = ftok(fileA, 'B');
            Assert.Equal(0x41, (a >> 24) & 0xff);
            Assert.Equal(0x42, (b >> 24) & 0xff);
            Assert.Equal(a & 0xffffff, b & 0xffffff);
            Assert.Equal(a, ftok(fileA, 0x141));
        });
    }

    [Fact]
    public void A_key_with_the_top_bit_set_is_negative_but_not_a_failure()
    {
        Sim.Run(() =>
        {
            errno = 0;
            var key = ftok(fileA, 0xfe);
            Assert.True(key < 0);
            Assert.Equal(0, errno);
            Assert.Equal(ftok(fileA, 1) & 0xffffff, key & 0xffffff);
        });
    }

    [Fact]
    public void The_key_is_glibcs_formula_over_the_simulated_stat()
    {
        Sim.Run(() =>
        {
            FileStat st;
            lock (SimProcess.Current.Kernel.Gate) Assert.Equal(0, SimProcess.Current.Kernel.Fs.Stat(fileA, out st));
            var expected = (int)((0x51u << 24) | ((uint)(st.Dev & 0xff) << 16) | (uint)(st.Ino & 0xffff));
            Assert.Equal(expected, ftok(fileA, 0x51));
        });
    }

    [Fact]
    public void On_Linux_the_key_is_the_one_a_C_program_on_this_host_would_get()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/stat")) return; // the host's numbers are Linux's only
        var psi = new ProcessStartInfo("/usr/bin/stat", ["-c", "%d %i", fileA]) { RedirectStandardOutput = true };
        using var stat = Process.Start(psi)!;
        var parts = stat.StandardOutput.ReadToEnd().Trim().Split(' ');
        stat.WaitForExit();
        var dev = ulong.Parse(parts[0], CultureInfo.InvariantCulture);
        var ino = ulong.Parse(parts[1], CultureInfo.InvariantCulture);
        var expected = (int)((0x41u << 24) | ((uint)(dev & 0xff) << 16) | (uint)(ino & 0xffff));
        Sim.Run(() => Assert.Equal(expected, ftok(fileA, 'A')));
    }

    [Fact]
    public void Ftok_of_a_FIFO_uses_the_FIFOs_simulated_inode()
    {
        Sim.Run(() =>
        {
            var one = Unique();
            var two = Unique();
            mkfifo(one, S_IRUSR | S_IWUSR);
            mkfifo(two, S_IRUSR | S_IWUSR);
            var k1 = (int)ErrnoAssert.Succeeds(() => ftok(one, 'x'));
            var k2 = (int)ErrnoAssert.Succeeds(() => ftok(two, 'x'));
            Assert.NotEqual(k1, k2);
            Assert.Equal(k1, ftok(one, 'x'));
            unlink(one);
            ErrnoAssert.Fails(ENOENT, () => ftok(one, 'x'));
        });
    }

    [Fact]
    public void Ftok_of_a_missing_path_fails_with_ENOENT()
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(ENOENT, () => ftok(Unique("missing"), 'A'));
            ErrnoAssert.Fails(ENOENT, () => ftok("", 'A'));
        });
    }

    [Fact]
    public void Ftok_of_a_path_through_a_file_fails_with_ENOTDIR()
    {
        Sim.Run(() => ErrnoAssert.Fails(ENOTDIR, () => ftok(Path.Combine(fileA, "x"), 'A')));
    }

    [Fact]
    public void Ftok_of_a_null_path_fails_with_EFAULT()
    {
        Sim.Run(() => ErrnoAssert.Fails(EFAULT, () => ftok(null!, 'A')));
    }
}
