using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Syscalls.Sem;

public class SemgetTests
{
    private const int Key = 0x5e5;
    private const int Mode600 = S_IRUSR | S_IWUSR;

    [Fact]
    public void Semget_creates_a_set_of_zeroed_semaphores_with_ctime_and_no_otime() => Sim.Run(() =>
    {
        var id = (int)ErrnoAssert.Succeeds(() => semget(IPC_PRIVATE, 3, IPC_CREAT | Mode600));
        var values = new ushort[3] { 9, 9, 9 };
        ErrnoAssert.Succeeds(() => semctl(id, 0, GETALL, values));
        Assert.Equal(new ushort[3], values);
        var ds = new SemidDs();
        semctl(id, 0, IPC_STAT, ds);
        Assert.Equal(3UL, ds.sem_nsems);
        Assert.Equal(0, ds.sem_otime);
        Assert.True(ds.sem_ctime > 0);
        Assert.Equal(Mode600, ds.sem_perm.mode);
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semget_of_an_existing_key_with_nsems_0_or_fewer_returns_the_set() => Sim.Run(() =>
    {
        var id = semget(Key, 4, IPC_CREAT | Mode600);
        Assert.Equal(id, semget(Key, 0, 0));
        Assert.Equal(id, semget(Key, 4, 0));
        Assert.Equal(id, semget(Key, 2, IPC_CREAT));
        semctl(id, 0, IPC_RMID);
    });

    // semget(2) ERRORS, case by case.
    [Theory]
    [InlineData("ENOENT: no set for the key and no IPC_CREAT", ENOENT)]
    [InlineData("EEXIST: IPC_CREAT | IPC_EXCL on an existing key", EEXIST)]
    [InlineData("EINVAL: nsems < 0", EINVAL)]
    [InlineData("EINVAL: nsems > SEMMSL", EINVAL)]
    [InlineData("EINVAL: nsems 0 when creating", EINVAL)]
    [InlineData("EINVAL: nsems larger than the existing set", EINVAL)]
    public void Semget_fails_as_the_man_page_says(string why, int expected) => Sim.Run(() =>
    {
        var existing = semget(Key, 2, IPC_CREAT | Mode600);
        Func<long> call = why switch
        {
            _ when why.StartsWith("ENOENT") => () => semget(Key + 1, 1, Mode600),
            _ when why.StartsWith("EEXIST") => () => semget(Key, 1, IPC_CREAT | IPC_EXCL | Mode600),
            _ when why.Contains("< 0") => () => semget(IPC_PRIVATE, -1, IPC_CREAT),
            _ when why.Contains("SEMMSL") => () => semget(IPC_PRIVATE, SEMMSL + 1, IPC_CREAT),
            _ when why.Contains("creating") => () => semget(IPC_PRIVATE, 0, IPC_CREAT),
            _ => () => semget(Key, 3, 0),
        };
        ErrnoAssert.Fails(expected, call, why);
        semctl(existing, 0, IPC_RMID);
    });

    [Fact]
    public void Semget_accepts_exactly_SEMMSL_semaphores() => Sim.Run(() =>
    {
        var id = (int)ErrnoAssert.Succeeds(() => semget(IPC_PRIVATE, SEMMSL, IPC_CREAT));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semget_without_the_asked_permission_fails_with_EACCES() => Sim.Run(() =>
    {
        var id = semget(Key, 1, IPC_CREAT | Mode600 | S_IROTH);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            Assert.Equal(id, semget(Key, 1, S_IRUSR));
            ErrnoAssert.Fails(EACCES, () => semget(Key, 1, S_IRUSR | S_IWUSR));
        });
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semget_fails_with_ENOSPC_past_SEMMNI_sets() => Sim.Run(() =>
    {
        SimProcess.Current.Kernel.IpcLimits.SemMni = 2;
        var a = semget(IPC_PRIVATE, 1, IPC_CREAT);
        var b = semget(IPC_PRIVATE, 1, IPC_CREAT);
        ErrnoAssert.Fails(ENOSPC, () => semget(IPC_PRIVATE, 1, IPC_CREAT));
        semctl(a, 0, IPC_RMID);
        ErrnoAssert.Succeeds(() => a = semget(IPC_PRIVATE, 1, IPC_CREAT));
        semctl(a, 0, IPC_RMID);
        semctl(b, 0, IPC_RMID);
    });

    [Fact]
    public void Semget_fails_with_ENOSPC_past_SEMMNS_semaphores() => Sim.Run(() =>
    {
        SimProcess.Current.Kernel.IpcLimits.SemMns = 10;
        var a = semget(IPC_PRIVATE, 8, IPC_CREAT);
        ErrnoAssert.Fails(ENOSPC, () => semget(IPC_PRIVATE, 3, IPC_CREAT));
        var b = (int)ErrnoAssert.Succeeds(() => semget(IPC_PRIVATE, 2, IPC_CREAT));
        semctl(a, 0, IPC_RMID);
        semctl(b, 0, IPC_RMID);
    });
}
