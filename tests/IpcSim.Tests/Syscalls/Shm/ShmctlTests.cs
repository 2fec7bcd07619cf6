using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Syscalls.Shm;

public class ShmctlTests
{
    private const int Mode600 = S_IRUSR | S_IWUSR;

    [Fact]
    public void Shmctl_IPC_STAT_fills_the_ipc_perm_with_key_owner_creator_and_seq() => Sim.Run(() =>
    {
        var first = shmget(IPC_PRIVATE, 1, IPC_CREAT);
        shmctl(first, IPC_RMID, null);
        var id = shmget(0x1234, 100, IPC_CREAT | Mode600);
        var ds = new ShmidDs();
        ErrnoAssert.Succeeds(() => shmctl(id, IPC_STAT, ds));
        Assert.Equal(0x1234, ds.shm_perm.__key);
        Assert.Equal(id / IPCMNI, ds.shm_perm.__seq);
        Assert.Equal(Mode600, ds.shm_perm.mode);
        Assert.Equal(100, ds.shm_segsz);
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmctl_IPC_STAT_without_read_permission_fails_with_EACCES() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 1, IPC_CREAT | S_IWUSR | S_IWOTH);
        Users.RunAs(Users.Alice, Users.Staff, () => ErrnoAssert.Fails(EACCES, () => shmctl(id, IPC_STAT, new ShmidDs())));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmctl_IPC_STAT_with_a_null_buffer_fails_with_EFAULT() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 1, IPC_CREAT);
        ErrnoAssert.Fails(EFAULT, () => shmctl(id, IPC_STAT, null));
        ErrnoAssert.Fails(EFAULT, () => shmctl(id, IPC_SET, null));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmctl_IPC_SET_changes_uid_gid_and_only_the_low_9_mode_bits() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 1, IPC_CREAT | Mode600);
        var addr = shmat(id, 0, 0);
        shmctl(id, IPC_RMID, null); // SHM_DEST must survive IPC_SET
        var ds = new ShmidDs();
        shmctl(id, IPC_STAT, ds);
        ds.shm_perm.uid = Users.Alice;
        ds.shm_perm.gid = Users.Staff;
        ds.shm_perm.mode = 0xFFFF;
        ds.shm_perm.cuid = 55; // ignored
        ds.shm_segsz = 1 << 20; // ignored
        ErrnoAssert.Succeeds(() => shmctl(id, IPC_SET, ds));
        var after = new ShmidDs();
        shmctl(id, IPC_STAT, after);
        Assert.Equal(Users.Alice, after.shm_perm.uid);
        Assert.Equal(Users.Staff, after.shm_perm.gid);
        Assert.Equal(0u, after.shm_perm.cuid);
        Assert.Equal(0b111_111_111 | SHM_DEST, after.shm_perm.mode);
        Assert.Equal(1, after.shm_segsz);
        shmdt(addr);
    });

    [Fact]
    public void Shmctl_IPC_SET_and_IPC_RMID_by_neither_owner_nor_creator_fail_with_EPERM() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 1, IPC_CREAT | 0b111_111_111);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            var ds = new ShmidDs();
            ErrnoAssert.Succeeds(() => shmctl(id, IPC_STAT, ds));
            ErrnoAssert.Fails(EPERM, () => shmctl(id, IPC_SET, ds));
            ErrnoAssert.Fails(EPERM, () => shmctl(id, IPC_RMID, null));
        });
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmctl_IPC_SET_by_the_owner_is_allowed_and_the_creator_keeps_control() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 1, IPC_CREAT | Mode600);
        var ds = new ShmidDs();
        shmctl(id, IPC_STAT, ds);
        ds.shm_perm.uid = Users.Alice;
        shmctl(id, IPC_SET, ds);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            ds.shm_perm.mode = S_IRUSR;
            ErrnoAssert.Succeeds(() => shmctl(id, IPC_SET, ds));
        });
        Users.RunAs(Users.Bob, Users.Staff, () => ErrnoAssert.Fails(EPERM, () => shmctl(id, IPC_RMID, null)));
        Users.RunAs(Users.Alice, Users.Staff, () => ErrnoAssert.Succeeds(() => shmctl(id, IPC_RMID, null)));
    });

    [Fact]
    public void Shmctl_IPC_SET_with_uid_minus_one_fails_with_EINVAL() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 1, IPC_CREAT);
        var ds = new ShmidDs();
        shmctl(id, IPC_STAT, ds);
        ds.shm_perm.uid = uint.MaxValue;
        ErrnoAssert.Fails(EINVAL, () => shmctl(id, IPC_SET, ds));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmctl_IPC_RMID_while_attached_sets_SHM_DEST_and_makes_the_key_private() => Sim.Run(() =>
    {
        var id = shmget(0x4242, 4096, IPC_CREAT | Mode600);
        var addr = shmat(id, 0, 0);
        ErrnoAssert.Succeeds(() => shmctl(id, IPC_RMID, null));
        var ds = new ShmidDs();
        ErrnoAssert.Succeeds(() => shmctl(id, IPC_STAT, ds));
        Assert.Equal(SHM_DEST, ds.shm_perm.mode & SHM_DEST);
        Assert.Equal(IPC_PRIVATE, ds.shm_perm.__key);
        ErrnoAssert.Fails(ENOENT, () => shmget(0x4242, 0, 0));
        var fresh = shmget(0x4242, 4096, IPC_CREAT | Mode600);
        Assert.NotEqual(id, fresh);
        Mem.Write(addr, 5); // the old segment's memory still works
        Assert.Equal(5, Mem.Read<int>(addr));
        shmdt(addr);
        shmctl(fresh, IPC_RMID, null);
    });

    [Fact]
    public void Shmctl_SHM_LOCK_and_SHM_UNLOCK_set_and_clear_SHM_LOCKED() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 1, IPC_CREAT | Mode600);
        var ds = new ShmidDs();
        ErrnoAssert.Succeeds(() => shmctl(id, SHM_LOCK, null));
        shmctl(id, IPC_STAT, ds);
        Assert.Equal(SHM_LOCKED, ds.shm_perm.mode & SHM_LOCKED);
        ErrnoAssert.Succeeds(() => shmctl(id, SHM_UNLOCK, null));
        shmctl(id, IPC_STAT, ds);
        Assert.Equal(0, ds.shm_perm.mode & SHM_LOCKED);
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmctl_SHM_LOCK_by_an_unprivileged_non_owner_fails_with_EPERM() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 1, IPC_CREAT | 0b111_111_111);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            ErrnoAssert.Fails(EPERM, () => shmctl(id, SHM_LOCK, null));
            ErrnoAssert.Fails(EPERM, () => shmctl(id, SHM_UNLOCK, null));
        });
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmctl_SHM_LOCK_by_the_unprivileged_owner_is_allowed_as_on_Linux() => Sim.Run(() =>
    {
        var id = -1;
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            id = shmget(IPC_PRIVATE, 1, IPC_CREAT | Mode600);
            ErrnoAssert.Succeeds(() => shmctl(id, SHM_LOCK, null)); // RLIMIT_MEMLOCK is nonzero by default
            ErrnoAssert.Succeeds(() => shmctl(id, SHM_UNLOCK, null));
        });
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmctl_IPC_INFO_reports_the_limits_and_returns_the_highest_index_in_use() => Sim.Run(() =>
    {
        Assert.Equal(0, shmctl(0, IPC_INFO, out Shminfo empty));
        Assert.Equal((ulong)SHMMNI, empty.shmmni);
        Assert.Equal((ulong)SHMMAX, empty.shmmax);
        Assert.Equal((ulong)SHMALL, empty.shmall);
        Assert.Equal(1UL, empty.shmmin);
        var a = shmget(IPC_PRIVATE, 1, IPC_CREAT);
        var b = shmget(IPC_PRIVATE, 1, IPC_CREAT);
        var c = shmget(IPC_PRIVATE, 1, IPC_CREAT);
        Assert.Equal(c % IPCMNI, shmctl(0, IPC_INFO, out Shminfo _));
        shmctl(a, IPC_RMID, null);
        shmctl(b, IPC_RMID, null);
        shmctl(c, IPC_RMID, null);
    });

    [Fact]
    public void Shmctl_SHM_STAT_takes_an_index_and_returns_the_id() => Sim.Run(() =>
    {
        var first = shmget(IPC_PRIVATE, 1, IPC_CREAT);
        shmctl(first, IPC_RMID, null);
        var id = shmget(IPC_PRIVATE, 1, IPC_CREAT);
        Assert.Equal(1, id % IPCMNI);
        var ds = new ShmidDs();
        Assert.Equal(id, shmctl(id % IPCMNI, SHM_STAT, ds));
        ErrnoAssert.Fails(EINVAL, () => shmctl(id % IPCMNI + 1, SHM_STAT, ds));
        shmctl(id, IPC_RMID, null);
    });

    // shmctl(2) ERRORS: EINVAL for an invalid id, an unknown cmd, a negative cmd.
    [Theory]
    [InlineData(IPC_STAT)]
    [InlineData(IPC_SET)]
    [InlineData(IPC_RMID)]
    [InlineData(SHM_LOCK)]
    [InlineData(SHM_UNLOCK)]
    public void Shmctl_on_a_stale_or_unknown_id_fails_with_EINVAL(int cmd) => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 1, IPC_CREAT);
        shmctl(id, IPC_RMID, null);
        ErrnoAssert.Fails(EINVAL, () => shmctl(id, cmd, new ShmidDs()));
        ErrnoAssert.Fails(EINVAL, () => shmctl(-1, cmd, new ShmidDs()));
        ErrnoAssert.Fails(EINVAL, () => shmctl(999_999, cmd, new ShmidDs()));
    });

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(99)]
    [InlineData(int.MaxValue)]
    public void Shmctl_with_an_unknown_command_fails_with_EINVAL(int cmd) => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 1, IPC_CREAT);
        ErrnoAssert.Fails(EINVAL, () => shmctl(id, cmd, new ShmidDs()));
        shmctl(id, IPC_RMID, null);
    });
}
