using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Syscalls.Shm;

public class ShmgetTests
{
    private const int Key = 0x5151;
    private const int Mode600 = S_IRUSR | S_IWUSR;

    [Fact]
    public void Shmget_with_IPC_PRIVATE_always_creates_a_new_segment() => Sim.Run(() =>
    {
        var a = (int)ErrnoAssert.Succeeds(() => shmget(IPC_PRIVATE, 4096, Mode600));
        var b = (int)ErrnoAssert.Succeeds(() => shmget(IPC_PRIVATE, 4096, Mode600 | IPC_CREAT | IPC_EXCL));
        Assert.NotEqual(a, b);
        shmctl(a, IPC_RMID, null);
        shmctl(b, IPC_RMID, null);
    });

    [Fact]
    public void Shmget_of_an_existing_key_returns_the_same_id() => Sim.Run(() =>
    {
        var id = (int)ErrnoAssert.Succeeds(() => shmget(Key, 8192, IPC_CREAT | Mode600));
        Assert.Equal(id, shmget(Key, 0, 0));
        Assert.Equal(id, shmget(Key, 8192, IPC_CREAT | Mode600));
        Assert.Equal(id, shmget(Key, 100, 0));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmget_records_size_mode_creator_and_ctime() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 5000, IPC_CREAT | 0b110_100_000);
        var ds = new ShmidDs();
        ErrnoAssert.Succeeds(() => shmctl(id, IPC_STAT, ds));
        Assert.Equal(5000, ds.shm_segsz);
        Assert.Equal(0b110_100_000, ds.shm_perm.mode);
        Assert.Equal(getpid(), ds.shm_cpid);
        Assert.Equal(0, ds.shm_lpid);
        Assert.Equal(0UL, ds.shm_nattch);
        Assert.Equal(0, ds.shm_atime);
        Assert.True(ds.shm_ctime > 0);
        Assert.Equal(0u, ds.shm_perm.uid);
        Assert.Equal(0u, ds.shm_perm.cuid);
        shmctl(id, IPC_RMID, null);
    });

    // shmget(2) ERRORS, case by case.
    [Theory]
    [InlineData("ENOENT: no segment for the key and no IPC_CREAT", ENOENT)]
    [InlineData("EEXIST: IPC_CREAT | IPC_EXCL on an existing key", EEXIST)]
    [InlineData("EINVAL: size below SHMMIN", EINVAL)]
    [InlineData("EINVAL: size above SHMMAX", EINVAL)]
    [InlineData("EINVAL: size larger than the existing segment", EINVAL)]
    public void Shmget_fails_as_the_man_page_says(string why, int expected) => Sim.Run(() =>
    {
        var existing = shmget(Key, 4096, IPC_CREAT | Mode600);
        Func<long> call = why switch
        {
            _ when why.StartsWith("ENOENT") => () => shmget(Key + 1, 4096, Mode600),
            _ when why.StartsWith("EEXIST") => () => shmget(Key, 4096, IPC_CREAT | IPC_EXCL | Mode600),
            _ when why.Contains("SHMMIN") => () => shmget(IPC_PRIVATE, 0, IPC_CREAT | Mode600),
            _ when why.Contains("SHMMAX") => () => shmget(IPC_PRIVATE, SHMMAX + 1, IPC_CREAT | Mode600),
            _ => () => shmget(Key, 4097, Mode600),
        };
        ErrnoAssert.Fails(expected, call, why);
        shmctl(existing, IPC_RMID, null);
    });

    [Fact]
    public void Shmget_with_a_negative_size_is_a_huge_size_t_and_fails_with_EINVAL() =>
        Sim.Run(() => ErrnoAssert.Fails(EINVAL, () => shmget(IPC_PRIVATE, -1, IPC_CREAT)));

    [Fact]
    public void Shmget_of_an_existing_key_without_the_asked_permission_fails_with_EACCES() => Sim.Run(() =>
    {
        var id = shmget(Key, 4096, IPC_CREAT | Mode600);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            ErrnoAssert.Fails(EACCES, () => shmget(Key, 4096, S_IRUSR));
            Assert.Equal(id, shmget(Key, 4096, 0)); // asking for no permission is allowed
        });
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmget_grants_by_owner_then_group_then_other_class() => Sim.Run(() =>
    {
        var id = shmget(Key, 4096, IPC_CREAT | 0b000_110_000); // group rw only
        var ds = new ShmidDs();
        shmctl(id, IPC_STAT, ds);
        ds.shm_perm.uid = Users.Alice;
        ds.shm_perm.gid = Users.Staff;
        ErrnoAssert.Succeeds(() => shmctl(id, IPC_SET, ds));
        Users.RunAs(Users.Alice, Users.Staff, () => ErrnoAssert.Fails(EACCES, () => shmget(Key, 0, S_IRUSR)));     // owner class has nothing
        Users.RunAs(Users.Bob, Users.Staff, () => Assert.Equal(id, shmget(Key, 0, S_IRUSR | S_IWUSR)));        // group class has rw
        Users.RunAs(Users.Bob, Users.Others, () => ErrnoAssert.Fails(EACCES, () => shmget(Key, 0, S_IROTH))); // other has nothing
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmget_fails_with_ENOSPC_once_SHMMNI_segments_exist() => Sim.Run(() =>
    {
        var k = SimProcess.Current.Kernel;
        k.IpcLimits.ShmMni = 3;
        var ids = Enumerable.Range(0, 3).Select(_ => (int)ErrnoAssert.Succeeds(() => shmget(IPC_PRIVATE, 1, IPC_CREAT))).ToArray();
        ErrnoAssert.Fails(ENOSPC, () => shmget(IPC_PRIVATE, 1, IPC_CREAT));
        foreach (var id in ids) shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmget_fails_with_ENOSPC_past_SHMALL_pages() => Sim.Run(() =>
    {
        SimProcess.Current.Kernel.IpcLimits.ShmAll = 3;
        var id = (int)ErrnoAssert.Succeeds(() => shmget(IPC_PRIVATE, 2 * 4096, IPC_CREAT));
        ErrnoAssert.Fails(ENOSPC, () => shmget(IPC_PRIVATE, 4097, IPC_CREAT));
        var last = (int)ErrnoAssert.Succeeds(() => shmget(IPC_PRIVATE, 4096, IPC_CREAT));
        shmctl(id, IPC_RMID, null);
        shmctl(last, IPC_RMID, null);
    });

    [Fact]
    public void Shmget_of_a_huge_segment_succeeds_because_pages_come_on_first_touch() => Sim.Run(() =>
    {
        var id = (int)ErrnoAssert.Succeeds(() => shmget(IPC_PRIVATE, 1L << 40, IPC_CREAT | Mode600));
        var addr = shmat(id, 0, 0);
        Assert.NotEqual(-1, addr);
        Mem.Write(addr + unchecked((nint)(1L << 39)), 7);
        Assert.Equal(7, Mem.Read<int>(addr + unchecked((nint)(1L << 39))));
        Assert.Equal(1, SimProcess.Current.Kernel.Shm.Info().ResidentPages);
        shmdt(addr);
        shmctl(id, IPC_RMID, null);
    });
}
