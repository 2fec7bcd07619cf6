using IpcSim.Tests.Ipc;
using static IpcSim.Tests.Syscalls.Sem.SemopTests;

namespace IpcSim.Tests.Syscalls.Sem;

public class SemctlTests
{
    private const int Mode600 = S_IRUSR | S_IWUSR;

    [Fact]
    public void Semctl_SETVAL_then_GETVAL_and_GETPID() => Sim.Run(() =>
    {
        var id = NewSet(3);
        ErrnoAssert.Succeeds(() => semctl(id, 2, SETVAL, 17));
        Assert.Equal(17, semctl(id, 2, GETVAL));
        Assert.Equal(getpid(), semctl(id, 2, GETPID));
        Assert.Equal(0, semctl(id, 0, GETPID));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_SETALL_then_GETALL() => Sim.Run(() =>
    {
        var id = NewSet(3);
        ErrnoAssert.Succeeds(() => semctl(id, 0, SETALL, new ushort[] { 1, 2, 3 }));
        var all = new ushort[3];
        ErrnoAssert.Succeeds(() => semctl(id, 0, GETALL, all));
        Assert.Equal(new ushort[] { 1, 2, 3 }, all);
        Assert.Equal(getpid(), semctl(id, 1, GETPID));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_SETVAL_and_SETALL_update_ctime_but_not_otime() => Sim.Run(() =>
    {
        var id = NewSet(1);
        var ds = new SemidDs();
        semctl(id, 0, SETVAL, 1);
        semctl(id, 0, IPC_STAT, ds);
        Assert.Equal(0, ds.sem_otime);
        Assert.True(ds.sem_ctime > 0);
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_SETVAL_wakes_the_sleepers_that_can_now_proceed() => Sim.Run(() =>
    {
        var id = NewSet(1);
        var child = Children.Start(() => ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, -3, 0) }, 1)));
        Children.LetOthersRun();
        semctl(id, 0, SETVAL, 3);
        Children.WaitAllSucceeded(child);
        Assert.Equal(0, Val(id, 0));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_SETALL_wakes_the_sleepers_that_can_now_proceed() => Sim.Run(() =>
    {
        var id = NewSet(2, 1, 1);
        var child = Children.Start(() => ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, 0, 0), new Sembuf(1, 0, 0) }, 2)));
        Children.LetOthersRun();
        Assert.Equal(1, semctl(id, 0, GETZCNT));
        semctl(id, 0, SETALL, new ushort[] { 0, 0 });
        Children.WaitAllSucceeded(child);
        semctl(id, 0, IPC_RMID);
    });

    [Theory]
    [InlineData(-1)]
    [InlineData(SEMVMX + 1)]
    [InlineData(int.MinValue)]
    public void Semctl_SETVAL_outside_0_to_SEMVMX_fails_with_ERANGE(int val) => Sim.Run(() =>
    {
        var id = NewSet(1);
        ErrnoAssert.Fails(ERANGE, () => semctl(id, 0, SETVAL, val));
        ErrnoAssert.Fails(ERANGE, () => semctl(999_999, 0, SETVAL, val)); // checked before the id is looked up, as in Linux
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_SETALL_with_a_value_above_SEMVMX_fails_with_ERANGE_and_changes_nothing() => Sim.Run(() =>
    {
        var id = NewSet(2, 4, 4);
        ErrnoAssert.Fails(ERANGE, () => semctl(id, 0, SETALL, new ushort[] { 1, SEMVMX + 1 }));
        Assert.Equal(4, Val(id, 0));
        semctl(id, 0, IPC_RMID);
    });

    [Theory]
    [InlineData(GETVAL)]
    [InlineData(GETPID)]
    [InlineData(GETNCNT)]
    [InlineData(GETZCNT)]
    public void Semctl_with_semnum_out_of_range_fails_with_EINVAL(int cmd) => Sim.Run(() =>
    {
        var id = NewSet(2);
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 2, cmd));
        ErrnoAssert.Fails(EINVAL, () => semctl(id, -1, cmd));
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 2, SETVAL, 1));
        semctl(id, 0, IPC_RMID);
    });

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(int.MaxValue)]
    public void Semctl_with_an_unknown_command_fails_with_EINVAL(int cmd) => Sim.Run(() =>
    {
        var id = NewSet(1);
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 0, cmd));
        semctl(id, 0, IPC_RMID);
    });

    [Theory]
    [InlineData(IPC_RMID)]
    [InlineData(GETVAL)]
    [InlineData(GETPID)]
    [InlineData(GETNCNT)]
    [InlineData(GETZCNT)]
    public void Semctl_on_a_stale_or_invalid_id_fails_with_EINVAL(int cmd) => Sim.Run(() =>
    {
        var id = NewSet(1);
        semctl(id, 0, IPC_RMID);
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 0, cmd));
        ErrnoAssert.Fails(EINVAL, () => semctl(-1, 0, cmd));
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 0, IPC_STAT, new SemidDs()));
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 0, GETALL, new ushort[1]));
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 0, SETVAL, 1));
    });

    [Fact]
    public void Semctl_without_read_permission_fails_with_EACCES_for_the_get_commands() => Sim.Run(() =>
    {
        var id = semget(IPC_PRIVATE, 1, IPC_CREAT | Mode600 | S_IWOTH);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            foreach (var cmd in new[] { GETVAL, GETPID, GETNCNT, GETZCNT })
                ErrnoAssert.Fails(EACCES, () => semctl(id, 0, cmd), "cmd " + cmd);
            ErrnoAssert.Fails(EACCES, () => semctl(id, 0, GETALL, new ushort[1]));
            ErrnoAssert.Fails(EACCES, () => semctl(id, 0, IPC_STAT, new SemidDs()));
            ErrnoAssert.Succeeds(() => semctl(id, 0, SETVAL, 1));
        });
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_without_alter_permission_fails_with_EACCES_for_SETVAL_and_SETALL() => Sim.Run(() =>
    {
        var id = semget(IPC_PRIVATE, 1, IPC_CREAT | Mode600 | S_IROTH);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            ErrnoAssert.Fails(EACCES, () => semctl(id, 0, SETVAL, 1));
            ErrnoAssert.Fails(EACCES, () => semctl(id, 0, SETALL, new ushort[1]));
            ErrnoAssert.Succeeds(() => semctl(id, 0, GETVAL));
        });
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_IPC_SET_and_IPC_RMID_by_neither_owner_nor_creator_fail_with_EPERM() => Sim.Run(() =>
    {
        var id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0b111_111_111);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            var ds = new SemidDs();
            semctl(id, 0, IPC_STAT, ds);
            ErrnoAssert.Fails(EPERM, () => semctl(id, 0, IPC_SET, ds));
            ErrnoAssert.Fails(EPERM, () => semctl(id, 0, IPC_RMID));
        });
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_IPC_SET_changes_uid_gid_and_the_low_9_mode_bits() => Sim.Run(() =>
    {
        var id = semget(IPC_PRIVATE, 1, IPC_CREAT | Mode600);
        var ds = new SemidDs();
        semctl(id, 0, IPC_STAT, ds);
        var ctime = ds.sem_ctime;
        ds.sem_perm.uid = Users.Alice;
        ds.sem_perm.gid = Users.Staff;
        ds.sem_perm.mode = 0b1_110_110_110;
        ds.sem_nsems = 40; // ignored
        ErrnoAssert.Succeeds(() => semctl(id, 0, IPC_SET, ds));
        var after = new SemidDs();
        semctl(id, 0, IPC_STAT, after);
        Assert.Equal(Users.Alice, after.sem_perm.uid);
        Assert.Equal(Users.Staff, after.sem_perm.gid);
        Assert.Equal(0b110_110_110, after.sem_perm.mode);
        Assert.Equal(1UL, after.sem_nsems);
        Assert.True(after.sem_ctime >= ctime);
        Users.RunAs(Users.Alice, Users.Others, () => ErrnoAssert.Succeeds(() => semctl(id, 0, IPC_RMID))); // the new owner may remove it
    });

    [Fact]
    public void Semctl_buffer_commands_without_a_buffer_fail_with_EFAULT() => Sim.Run(() =>
    {
        var id = NewSet(2);
        ErrnoAssert.Fails(EFAULT, () => semctl(id, 0, IPC_STAT));
        ErrnoAssert.Fails(EFAULT, () => semctl(id, 0, IPC_SET));
        ErrnoAssert.Fails(EFAULT, () => semctl(id, 0, GETALL));
        ErrnoAssert.Fails(EFAULT, () => semctl(id, 0, SETALL));
        ErrnoAssert.Fails(EFAULT, () => semctl(id, 0, IPC_INFO));
        ErrnoAssert.Fails(EFAULT, () => semctl(id, 0, GETALL, (ushort[])null!));
        ErrnoAssert.Fails(EFAULT, () => semctl(id, 0, GETALL, new ushort[1])); // shorter than nsems
        ErrnoAssert.Fails(EFAULT, () => semctl(id, 0, SETALL, new ushort[1]));
        ErrnoAssert.Fails(EFAULT, () => semctl(id, 0, IPC_STAT, (SemidDs)null!));
        ErrnoAssert.Fails(EFAULT, () => semctl(id, 0, IPC_STAT, new ushort[2]));  // a buffer of the wrong type
        ErrnoAssert.Fails(EFAULT, () => semctl(id, 0, GETALL, 5));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_SETVAL_without_an_int_argument_fails_with_EINVAL() => Sim.Run(() =>
    {
        var id = NewSet(1, 3);
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 0, SETVAL));
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 0, SETVAL, new ushort[1]));
        Assert.Equal(3, Val(id, 0));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_commands_without_an_argument_ignore_one_given() => Sim.Run(() =>
    {
        var id = NewSet(1, 3);
        Assert.Equal(3, semctl(id, 0, GETVAL, 99));
        Assert.Equal(3, semctl(id, 0, GETVAL, new SemidDs()));
        ErrnoAssert.Succeeds(() => semctl(id, 0, IPC_RMID, new ushort[4]));
    });

    [Fact]
    public void Semctl_IPC_INFO_reports_the_limits_and_the_highest_index() => Sim.Run(() =>
    {
        Assert.Equal(0, semctl(0, 0, IPC_INFO, out Seminfo info));
        Assert.Equal(SEMMNI, info.semmni);
        Assert.Equal(SEMMSL, info.semmsl);
        Assert.Equal(SEMMNS, info.semmns);
        Assert.Equal(SEMOPM, info.semopm);
        Assert.Equal(SEMVMX, info.semvmx);
        var a = NewSet(1);
        var b = NewSet(4);
        Assert.Equal(b % IPCMNI, semctl(0, 0, IPC_INFO, out info));
        Assert.Equal(b % IPCMNI, semctl(0, 0, SEM_INFO, out info));
        Assert.Equal(2, info.semusz);
        Assert.Equal(5, info.semaem);
        semctl(a, 0, IPC_RMID);
        semctl(b, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_SEM_STAT_takes_an_index_and_returns_the_id() => Sim.Run(() =>
    {
        semctl(NewSet(1), 0, IPC_RMID);
        var id = NewSet(1);
        var ds = new SemidDs();
        Assert.Equal(id, semctl(id % IPCMNI, 0, SEM_STAT, ds));
        Assert.Equal(1UL, ds.sem_nsems);
        semctl(id, 0, IPC_RMID);
    });
}
