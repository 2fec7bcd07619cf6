using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Conformance;

/// <summary>
/// semop(2)/semctl(2) behaviours checked against ipc/sem.c (do_semtimedop, perform_atomic_semop,
/// semctl_main, ksys_semctl): the order of the errno checks, the counts seen while sleepers wait.
/// </summary>
public class SemConformanceTests
{
    private const int Mode600 = S_IRUSR | S_IWUSR;

    private static int NewSet(int nsems) =>
        (int)ErrnoAssert.Succeeds(() => semget(IPC_PRIVATE, nsems, IPC_CREAT | Mode600), "semget");

    private static Sembuf[] Ops(int count, int num = 0) => Enumerable.Repeat(new Sembuf(num, 1, 0), count).ToArray();

    [Fact]
    public void Semop_with_a_negative_semid_and_too_many_operations_fails_with_EINVAL_before_E2BIG() => Sim.Run(() =>
    {
        ErrnoAssert.Fails(EINVAL, () => semop(-1, Ops(SEMOPM + 1), SEMOPM + 1));
    });

    [Fact]
    public void Semop_with_too_many_operations_on_a_stale_id_fails_with_E2BIG_before_the_lookup() => Sim.Run(() =>
    {
        var id = NewSet(1);
        semctl(id, 0, IPC_RMID);
        ErrnoAssert.Fails(E2BIG, () => semop(id, Ops(SEMOPM + 1), SEMOPM + 1));
    });

    [Fact]
    public void Semop_on_a_removed_id_with_a_bad_sem_num_fails_with_EINVAL_not_EFBIG() => Sim.Run(() =>
    {
        var id = NewSet(1);
        semctl(id, 0, IPC_RMID);
        ErrnoAssert.Fails(EINVAL, () => semop(id, Ops(1, num: 7), 1));
    });

    [Fact]
    public void Semop_with_zero_nsops_on_a_valid_set_fails_with_EINVAL() => Sim.Run(() =>
    {
        var id = NewSet(1);
        ErrnoAssert.Fails(EINVAL, () => semop(id, Ops(1), 0));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semtimedop_with_an_invalid_timeout_fails_with_EINVAL_before_the_sem_num_check() => Sim.Run(() =>
    {
        var id = NewSet(1);
        ErrnoAssert.Fails(EINVAL, () => semtimedop(id, Ops(1, num: 9), 1, new Timespec { tv_sec = 0, tv_nsec = 1_000_000_000 }));
        ErrnoAssert.Fails(EFBIG, () => semtimedop(id, Ops(1, num: 9), 1, new Timespec { tv_sec = 1, tv_nsec = 0 }));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_with_a_bad_sem_num_fails_with_EFBIG_before_the_permission_check() => Sim.Run(() =>
    {
        var id = (int)ErrnoAssert.Succeeds(() => semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR));
        Children.WaitAllSucceeded(Children.Start(() => Users.RunAs(1000, 1000, () =>
        {
            ErrnoAssert.Fails(EFBIG, () => semop(id, Ops(1, num: 3), 1));
            ErrnoAssert.Fails(EACCES, () => semop(id, Ops(1), 1));
        })));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_with_an_unknown_command_on_a_valid_set_fails_with_EINVAL() => Sim.Run(() =>
    {
        var id = NewSet(1);
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 0, 12345));
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 0, -1));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_GETVAL_with_a_sem_num_outside_the_set_fails_with_EINVAL() => Sim.Run(() =>
    {
        var id = NewSet(2);
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 2, GETVAL));
        ErrnoAssert.Fails(EINVAL, () => semctl(id, -1, GETVAL));
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 2, SETVAL, 1));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_on_a_removed_set_fails_with_EINVAL() => Sim.Run(() =>
    {
        var id = NewSet(1);
        semctl(id, 0, IPC_RMID);
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 0, GETVAL));
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 0, IPC_RMID));
        ErrnoAssert.Fails(EINVAL, () => semctl(id, 0, IPC_STAT, new SemidDs()));
    });

    [Fact]
    public void GETNCNT_and_GETZCNT_count_the_processes_blocked_on_each_semaphore() => Sim.Run(() =>
    {
        var id = NewSet(2);
        semctl(id, 1, SETVAL, 1);
        var decrementers = new[]
        {
            Children.Start(() => Assert.Equal(0, semop(id, new[] { new Sembuf(0, -1, 0) }, 1))),
            Children.Start(() => Assert.Equal(0, semop(id, new[] { new Sembuf(0, -2, 0) }, 1))),
        };
        var zeroWaiter = Children.Start(() => Assert.Equal(0, semop(id, new[] { new Sembuf(1, 0, 0) }, 1)));
        Children.LetOthersRun();
        Assert.Equal(2, semctl(id, 0, GETNCNT));
        Assert.Equal(0, semctl(id, 0, GETZCNT));
        Assert.Equal(0, semctl(id, 1, GETNCNT));
        Assert.Equal(1, semctl(id, 1, GETZCNT));

        semctl(id, 0, SETVAL, 3);
        semctl(id, 1, SETVAL, 0);
        Children.WaitAllSucceeded(decrementers[0], decrementers[1], zeroWaiter);
        Assert.Equal(0, semctl(id, 0, GETNCNT));
        Assert.Equal(0, semctl(id, 1, GETZCNT));
        Assert.Equal(0, semctl(id, 0, GETVAL));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Every_wait_for_zero_sleeper_wakes_when_the_value_reaches_zero() => Sim.Run(() =>
    {
        var id = NewSet(1);
        semctl(id, 0, SETVAL, 2);
        var waiters = Enumerable.Range(0, 3)
            .Select(_ => Children.Start(() => Assert.Equal(0, semop(id, new[] { new Sembuf(0, 0, 0) }, 1))))
            .ToArray();
        Children.LetOthersRun();
        Assert.Equal(3, semctl(id, 0, GETZCNT));
        Assert.Equal(0, semop(id, new[] { new Sembuf(0, -1, 0) }, 1));
        Children.LetOthersRun();
        Assert.Equal(3, semctl(id, 0, GETZCNT));
        Assert.Equal(0, semop(id, new[] { new Sembuf(0, -1, 0) }, 1));
        Children.WaitAllSucceeded(waiters);
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_with_SEM_UNDO_fails_with_ERANGE_when_the_adjustment_would_leave_minus_SEMAEM_minus_1_to_SEMAEM() => Sim.Run(() =>
    {
        var id = NewSet(1);
        Assert.Equal(0, semop(id, new[] { new Sembuf(0, SEMVMX, SEM_UNDO) }, 1));   // semadj -32767
        Assert.Equal(0, semop(id, new[] { new Sembuf(0, -SEMVMX, 0) }, 1));
        Assert.Equal(0, semop(id, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1));        // semadj -32768: still allowed
        ErrnoAssert.Fails(ERANGE, () => semop(id, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1));
        Assert.Equal(1, semctl(id, 0, GETVAL));
        Assert.Equal(0, semop(id, new[] { new Sembuf(0, 1, 0) }, 1));               // without SEM_UNDO it is fine
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_IPC_SET_updates_ctime_but_not_otime() => Sim.Run(() =>
    {
        var id = NewSet(1);
        var before = new SemidDs();
        semctl(id, 0, IPC_STAT, before);
        Assert.Equal(0u, sleep(5));
        var ds = new SemidDs();
        semctl(id, 0, IPC_STAT, ds);
        ds.sem_perm.mode = S_IRUSR;
        Assert.Equal(0, semctl(id, 0, IPC_SET, ds));
        var after = new SemidDs();
        semctl(id, 0, IPC_STAT, after);
        Assert.Equal(before.sem_ctime + 5, after.sem_ctime);
        Assert.Equal(0, after.sem_otime);
        Assert.Equal(S_IRUSR, after.sem_perm.mode & 0x1ff);
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semctl_SETVAL_and_SETALL_record_the_caller_as_sempid() => Sim.Run(() =>
    {
        var id = NewSet(2);
        var setter = Children.Start(() => Assert.Equal(0, semctl(id, 1, SETVAL, 4)));
        Children.WaitAllSucceeded(setter);
        Assert.Equal(0, semctl(id, 0, GETPID));
        Assert.Equal(setter, semctl(id, 1, GETPID));
        var all = Children.Start(() => Assert.Equal(0, semctl(id, 0, SETALL, new ushort[] { 1, 2 })));
        Children.WaitAllSucceeded(all);
        Assert.Equal(all, semctl(id, 0, GETPID));
        Assert.Equal(all, semctl(id, 1, GETPID));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void A_successful_wait_for_zero_updates_sempid_and_otime() => Sim.Run(() =>
    {
        var id = NewSet(1);
        var waiter = Children.Start(() => Assert.Equal(0, semop(id, new[] { new Sembuf(0, 0, 0) }, 1)));
        Children.WaitAllSucceeded(waiter);
        Assert.Equal(waiter, semctl(id, 0, GETPID));
        var ds = new SemidDs();
        semctl(id, 0, IPC_STAT, ds);
        Assert.NotEqual(0, ds.sem_otime);
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void SEM_UNDO_at_exit_records_the_exiting_process_as_sempid() => Sim.Run(() =>
    {
        var id = NewSet(2);
        var child = Children.Start(() => Assert.Equal(0, semop(id, new[] { new Sembuf(0, 3, SEM_UNDO) }, 1)));
        Children.WaitAllSucceeded(child);
        Assert.Equal(0, semctl(id, 0, GETVAL));
        Assert.Equal(child, semctl(id, 0, GETPID));
        Assert.Equal(0, semctl(id, 1, GETPID));
        semctl(id, 0, IPC_RMID);
    });
}
