using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Syscalls.Shm;

public class ShmatTests
{
    private const int Mode600 = S_IRUSR | S_IWUSR;

    private static int NewSegment(long size = 4096, int mode = Mode600) =>
        (int)ErrnoAssert.Succeeds(() => shmget(IPC_PRIVATE, size, IPC_CREAT | mode), "shmget");

    [Fact]
    public void Shmat_returns_a_page_aligned_positive_address_below_2_to_the_47() => Sim.Run(() =>
    {
        var id = NewSegment();
        var addr = shmat(id, 0, 0);
        Assert.NotEqual(-1, addr);
        Assert.True(addr > 0 && addr < unchecked((nint)(1L << 47)));
        Assert.Equal(0, addr % 4096);
        shmdt(addr);
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmat_in_different_processes_gives_different_addresses_for_the_same_memory() => Sim.Run(() =>
    {
        var id = NewSegment();
        var mine = shmat(id, 0, 0);
        Mem.Write(mine, 1234);
        nint theirs = 0;
        Children.WaitAllSucceeded(Children.Start(() =>
        {
            theirs = shmat(id, 0, 0);
            Assert.NotEqual(-1, theirs);
            Assert.Equal(1234, Mem.Read<int>(theirs));
            Mem.Write(theirs, 5678);
            shmdt(theirs);
        }));
        Assert.NotEqual(mine, theirs);
        Assert.Equal(5678, Mem.Read<int>(mine));
        shmdt(mine);
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmat_twice_in_one_process_maps_the_segment_at_two_addresses() => Sim.Run(() =>
    {
        var id = NewSegment();
        var a = shmat(id, 0, 0);
        var b = shmat(id, 0, 0);
        Assert.NotEqual(a, b);
        Mem.Write(a + 8, 99L);
        Assert.Equal(99L, Mem.Read<long>(b + 8));
        var ds = new ShmidDs();
        shmctl(id, IPC_STAT, ds);
        Assert.Equal(2UL, ds.shm_nattch);
        shmdt(a);
        shmdt(b);
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmat_maintains_nattch_atime_and_lpid() => Sim.Run(() =>
    {
        var id = NewSegment();
        var addr = shmat(id, 0, 0);
        var ds = new ShmidDs();
        shmctl(id, IPC_STAT, ds);
        Assert.Equal(1UL, ds.shm_nattch);
        Assert.True(ds.shm_atime > 0);
        Assert.Equal(getpid(), ds.shm_lpid);
        Assert.Equal(0, ds.shm_dtime);
        shmdt(addr);
        shmctl(id, IPC_STAT, ds);
        Assert.Equal(0UL, ds.shm_nattch);
        Assert.True(ds.shm_dtime > 0);
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmat_at_a_given_page_aligned_address_maps_there() => Sim.Run(() =>
    {
        var id = NewSegment(8192);
        nint want = unchecked((nint)0x10_0000_0000);
        Assert.Equal(want, shmat(id, want, 0));
        Mem.Write(want + 4100, (byte)3);
        shmdt(want);
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmat_with_SHM_RND_rounds_the_address_down_to_SHMLBA() => Sim.Run(() =>
    {
        var id = NewSegment();
        nint want = unchecked((nint)0x10_0000_0123);
        Assert.Equal(unchecked((nint)0x10_0000_0000), shmat(id, want, SHM_RND));
        shmdt(unchecked((nint)0x10_0000_0000));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmat_SHM_RDONLY_maps_readable_memory_that_faults_on_write() => Sim.Run(() =>
    {
        var id = NewSegment();
        var rw = shmat(id, 0, 0);
        Mem.Write(rw, 42);
        var status = Children.Wait(Children.Start(() =>
        {
            var ro = shmat(id, 0, SHM_RDONLY);
            Assert.Equal(42, Mem.Read<int>(ro));
            Mem.Write(ro, 1); // SIGSEGV
            Assert.Fail("the write through an SHM_RDONLY attachment returned");
        }));
        Assert.True(WIFSIGNALED(status));
        Assert.Equal(SIGSEGV, WTERMSIG(status));
        Assert.Equal(42, Mem.Read<int>(rw));
        var ds = new ShmidDs();
        shmctl(id, IPC_STAT, ds);
        Assert.Equal(1UL, ds.shm_nattch); // the dead child's attachment went with it
        shmdt(rw);
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmat_of_a_segment_marked_for_destruction_still_works_as_on_Linux() => Sim.Run(() =>
    {
        var id = NewSegment();
        var a = shmat(id, 0, 0);
        shmctl(id, IPC_RMID, null);
        var b = shmat(id, 0, 0);
        Assert.NotEqual(-1, b);
        shmdt(a);
        shmdt(b);
        ErrnoAssert.Fails(EINVAL, () => shmat(id, 0, 0)); // gone with the last detach
    });

    // shmop(2) ERRORS for shmat, case by case.
    [Fact]
    public void Shmat_of_an_invalid_id_fails_with_EINVAL() => Sim.Run(() =>
    {
        ErrnoAssert.Fails(EINVAL, () => shmat(-1, 0, 0));
        ErrnoAssert.Fails(EINVAL, () => shmat(12345, 0, 0));
        var id = NewSegment();
        shmctl(id, IPC_RMID, null);
        ErrnoAssert.Fails(EINVAL, () => shmat(id, 0, 0)); // removed: the id is stale
    });

    [Fact]
    public void Shmat_failure_returns_minus_one_not_zero() => Sim.Run(() => Assert.Equal((nint)(-1), shmat(-1, 0, 0)));

    [Fact]
    public void Shmat_at_an_unaligned_address_without_SHM_RND_fails_with_EINVAL() => Sim.Run(() =>
    {
        var id = NewSegment();
        ErrnoAssert.Fails(EINVAL, () => shmat(id, unchecked((nint)0x10_0000_0001), 0));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmat_overlapping_an_existing_attachment_fails_with_EINVAL() => Sim.Run(() =>
    {
        var id = NewSegment(3 * 4096);
        var addr = shmat(id, unchecked((nint)0x20_0000_0000), 0);
        ErrnoAssert.Fails(EINVAL, () => shmat(id, addr + 8192, 0));
        ErrnoAssert.Fails(EINVAL, () => shmat(id, addr - 4096, 0));
        shmdt(addr);
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmat_without_read_permission_fails_with_EACCES() => Sim.Run(() =>
    {
        var id = NewSegment(mode: Mode600);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            ErrnoAssert.Fails(EACCES, () => shmat(id, 0, SHM_RDONLY));
            ErrnoAssert.Fails(EACCES, () => shmat(id, 0, 0));
        });
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmat_read_write_without_write_permission_fails_with_EACCES_but_SHM_RDONLY_works() => Sim.Run(() =>
    {
        var id = NewSegment(mode: Mode600 | S_IROTH);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            ErrnoAssert.Fails(EACCES, () => shmat(id, 0, 0));
            var ro = shmat(id, 0, SHM_RDONLY);
            Assert.NotEqual(-1, ro);
            shmdt(ro);
        });
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmat_of_a_segment_too_big_for_the_address_space_fails_with_ENOMEM() => Sim.Run(() =>
    {
        var id = NewSegment(1L << 48);
        ErrnoAssert.Fails(ENOMEM, () => shmat(id, 0, 0));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmat_at_an_address_past_the_user_address_space_fails_with_ENOMEM() => Sim.Run(() =>
    {
        var id = NewSegment();
        ErrnoAssert.Fails(ENOMEM, () => shmat(id, unchecked((nint)(1L << 47)), 0));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmat_below_mmap_min_addr_needs_privilege_else_EPERM() => Sim.Run(() =>
    {
        var id = NewSegment(mode: Mode600 | S_IROTH | S_IWOTH);
        Users.RunAs(Users.Alice, Users.Staff, () => ErrnoAssert.Fails(EPERM, () => shmat(id, 4096, 0)));
        shmctl(id, IPC_RMID, null);
    });
}
