using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Conformance;

/// <summary>
/// shmget(2)/shmat(2)/shmctl(2) behaviours checked against ipc/shm.c (do_shmat, __shm_open,
/// shm_close, do_shm_rmid, ksys_shmget).
/// </summary>
public class ShmConformanceTests
{
    private const int Mode600 = S_IRUSR | S_IWUSR;

    private static ShmidDs Stat(int id)
    {
        var ds = new ShmidDs();
        ErrnoAssert.Succeeds(() => shmctl(id, IPC_STAT, ds), "IPC_STAT");
        return ds;
    }

    [Fact]
    public void Shmat_on_an_invalid_id_with_a_misaligned_address_fails_with_EINVAL() => Sim.Run(() =>
    {
        var id = (int)ErrnoAssert.Succeeds(() => shmget(IPC_PRIVATE, 4096, IPC_CREAT | Mode600));
        shmctl(id, IPC_RMID, null);
        ErrnoAssert.Fails(EINVAL, () => shmat(id, 0x10001, 0));
        ErrnoAssert.Fails(EINVAL, () => shmat(-1, 0x10001, 0));
        ErrnoAssert.Fails(EINVAL, () => shmat(id, 0, 0));
    });

    [Fact]
    public void Fork_counts_the_childs_attachment_with_the_parent_as_lpid_and_its_exit_detaches_as_the_child() => Sim.Run(() =>
    {
        var id = (int)ErrnoAssert.Succeeds(() => shmget(IPC_PRIVATE, 4096, IPC_CREAT | Mode600));
        var created = Stat(id);
        var addr = shmat(id, 0, 0);
        Assert.NotEqual(-1, addr);
        Assert.Equal(0u, sleep(2));
        var child = fork(() => { sleep(10); });
        var afterFork = Stat(id);
        Assert.Equal(2UL, afterFork.shm_nattch);
        Assert.Equal(getpid(), afterFork.shm_lpid);               // __shm_open runs in the forking parent
        Assert.Equal(created.shm_ctime + 2, afterFork.shm_atime);
        Assert.Equal(0, afterFork.shm_dtime);
        Assert.Equal(getpid(), afterFork.shm_cpid);

        Assert.Equal(child, waitpid(child, out var status, 0));
        Assert.True(WIFEXITED(status));
        var afterExit = Stat(id);
        Assert.Equal(1UL, afterExit.shm_nattch);
        Assert.Equal(child, afterExit.shm_lpid);                  // shm_close runs in the exiting child
        Assert.Equal(created.shm_ctime + 12, afterExit.shm_dtime);
        Assert.Equal(getpid(), afterExit.shm_cpid);

        Assert.Equal(0, shmdt(addr));
        var detached = Stat(id);
        Assert.Equal(0UL, detached.shm_nattch);
        Assert.Equal(getpid(), detached.shm_lpid);
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shm_cpid_stays_the_creator_when_another_process_attaches() => Sim.Run(() =>
    {
        var id = (int)ErrnoAssert.Succeeds(() => shmget(IPC_PRIVATE, 4096, IPC_CREAT | Mode600));
        var attacher = Children.Start(() =>
        {
            var a = shmat(id, 0, 0);
            Assert.NotEqual(-1, a);
            Assert.Equal(0, shmdt(a));
        });
        Children.WaitAllSucceeded(attacher);
        var ds = Stat(id);
        Assert.Equal(getpid(), ds.shm_cpid);
        Assert.Equal(attacher, ds.shm_lpid);
        Assert.Equal(0UL, ds.shm_nattch);
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmget_with_IPC_CREAT_on_the_key_of_a_removed_attached_segment_creates_a_new_segment() => Sim.Run(() =>
    {
        const int key = 0x5eed;
        var old = (int)ErrnoAssert.Succeeds(() => shmget(key, 4096, IPC_CREAT | Mode600));
        var addr = shmat(old, 0, 0);
        Mem.Write(addr, 77);
        Assert.Equal(0, shmctl(old, IPC_RMID, null));
        Assert.Equal(0, Stat(old).shm_perm.__key);
        Assert.NotEqual(0, Stat(old).shm_perm.mode & SHM_DEST);

        ErrnoAssert.Fails(ENOENT, () => shmget(key, 4096, 0));
        var fresh = (int)ErrnoAssert.Succeeds(() => shmget(key, 4096, IPC_CREAT | IPC_EXCL | Mode600));
        Assert.NotEqual(old, fresh);
        var other = shmat(fresh, 0, 0);
        Assert.Equal(0, Mem.Read<int>(other));
        Assert.Equal(77, Mem.Read<int>(addr));

        var again = shmat(old, 0, 0);                              // still attachable while SHM_DEST
        Assert.NotEqual(-1, again);
        Assert.Equal(77, Mem.Read<int>(again));
        Assert.Equal(2UL, Stat(old).shm_nattch);
        shmdt(again);
        shmdt(addr);
        ErrnoAssert.Fails(EINVAL, () => shmctl(old, IPC_STAT, new ShmidDs()));
        shmdt(other);
        shmctl(fresh, IPC_RMID, null);
    });

    [Fact]
    public void Shmctl_with_an_unknown_command_on_a_valid_segment_fails_with_EINVAL() => Sim.Run(() =>
    {
        var id = (int)ErrnoAssert.Succeeds(() => shmget(IPC_PRIVATE, 4096, IPC_CREAT | Mode600));
        ErrnoAssert.Fails(EINVAL, () => shmctl(id, 12345, new ShmidDs()));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmdt_of_an_address_that_is_not_an_attachment_start_fails_with_EINVAL() => Sim.Run(() =>
    {
        var id = (int)ErrnoAssert.Succeeds(() => shmget(IPC_PRIVATE, 8192, IPC_CREAT | Mode600));
        var addr = shmat(id, 0, 0);
        ErrnoAssert.Fails(EINVAL, () => shmdt(addr + 4096));
        ErrnoAssert.Fails(EINVAL, () => shmdt(0x1000));
        Assert.Equal(0, shmdt(addr));
        ErrnoAssert.Fails(EINVAL, () => shmdt(addr));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmget_of_an_existing_key_with_a_larger_size_fails_with_EINVAL_and_a_smaller_one_succeeds() => Sim.Run(() =>
    {
        const int key = 0x5eee;
        var id = (int)ErrnoAssert.Succeeds(() => shmget(key, 8192, IPC_CREAT | Mode600));
        ErrnoAssert.Fails(EINVAL, () => shmget(key, 8193, 0));
        Assert.Equal(id, shmget(key, 100, 0));
        Assert.Equal(id, shmget(key, 0, 0));
        shmctl(id, IPC_RMID, null);
    });
}
