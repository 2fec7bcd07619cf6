using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Syscalls.Shm;

public class ShmdtTests
{
    [Fact]
    public void Shmdt_of_an_address_that_is_not_an_attachment_start_fails_with_EINVAL() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 8192, IPC_CREAT | S_IRUSR | S_IWUSR);
        var addr = shmat(id, 0, 0);
        ErrnoAssert.Fails(EINVAL, () => shmdt(addr + 4096)); // inside, page aligned, not the start
        ErrnoAssert.Fails(EINVAL, () => shmdt(addr + 1));    // not page aligned
        ErrnoAssert.Fails(EINVAL, () => shmdt(0));
        ErrnoAssert.Fails(EINVAL, () => shmdt(-1));
        ErrnoAssert.Succeeds(() => shmdt(addr));
        ErrnoAssert.Fails(EINVAL, () => shmdt(addr));        // already detached
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Memory_access_after_shmdt_delivers_SIGSEGV() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
        var status = Children.Wait(Children.Start(() =>
        {
            var addr = shmat(id, 0, 0);
            Mem.Write(addr, 1);
            shmdt(addr);
            Mem.Read<int>(addr);
            Assert.Fail("read after shmdt returned");
        }));
        Assert.True(WIFSIGNALED(status), $"status 0x{status:x}");
        Assert.Equal(SIGSEGV, WTERMSIG(status));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void The_last_shmdt_of_a_removed_segment_destroys_it() => Sim.Run(() =>
    {
        var id = shmget(0x77, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
        var a = shmat(id, 0, 0);
        var b = shmat(id, 0, 0);
        shmctl(id, IPC_RMID, null);
        shmdt(a);
        var ds = new ShmidDs();
        ErrnoAssert.Succeeds(() => shmctl(id, IPC_STAT, ds));
        Assert.Equal(1UL, ds.shm_nattch);
        shmdt(b);
        ErrnoAssert.Fails(EINVAL, () => shmctl(id, IPC_STAT, ds));
    });

    [Fact]
    public void Process_exit_detaches_its_segments() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
        var child = Children.Start(() => Assert.NotEqual(-1, shmat(id, 0, 0)));
        Children.WaitAllSucceeded(child);
        var ds = new ShmidDs();
        shmctl(id, IPC_STAT, ds);
        Assert.Equal(0UL, ds.shm_nattch);
        Assert.Equal(child, ds.shm_lpid);
        Assert.True(ds.shm_dtime > 0);
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void A_child_inherits_its_parents_attachments_at_the_same_addresses() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
        var addr = shmat(id, 0, 0);
        Children.WaitAllSucceeded(Children.Start(() =>
        {
            var ds = new ShmidDs();
            shmctl(id, IPC_STAT, ds);
            Assert.Equal(2UL, ds.shm_nattch);
            Mem.Write(addr, 77);
            ErrnoAssert.Succeeds(() => shmdt(addr));
        }));
        Assert.Equal(77, Mem.Read<int>(addr));
        shmdt(addr);
        shmctl(id, IPC_RMID, null);
    });
}
