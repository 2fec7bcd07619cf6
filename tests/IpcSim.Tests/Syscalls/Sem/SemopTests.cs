using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Syscalls.Sem;

public class SemopTests
{
    private const int Mode600 = S_IRUSR | S_IWUSR;

    internal static int NewSet(int nsems, params int[] values)
    {
        var id = (int)ErrnoAssert.Succeeds(() => semget(IPC_PRIVATE, nsems, IPC_CREAT | Mode600), "semget");
        for (var i = 0; i < values.Length; i++) ErrnoAssert.Succeeds(() => semctl(id, i, SETVAL, values[i]), "SETVAL");
        return id;
    }

    internal static int Val(int id, int num) => semctl(id, num, GETVAL);

    [Fact]
    public void Semop_applies_the_operations_and_records_pid_and_otime() => Sim.Run(() =>
    {
        var id = NewSet(2);
        ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, 5, 0), new Sembuf(1, 2, 0) }, 2));
        ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, -3, 0) }, 1));
        Assert.Equal(2, Val(id, 0));
        Assert.Equal(2, Val(id, 1));
        Assert.Equal(getpid(), semctl(id, 0, GETPID));
        var ds = new SemidDs();
        semctl(id, 0, IPC_STAT, ds);
        Assert.True(ds.sem_otime > 0);
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_later_operations_see_the_earlier_ones_in_the_same_call() => Sim.Run(() =>
    {
        var id = NewSet(1);
        ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, 1, 0), new Sembuf(0, -1, 0), new Sembuf(0, 0, 0) }, 3));
        Assert.Equal(0, Val(id, 0));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_uses_only_the_first_nsops_entries() => Sim.Run(() =>
    {
        var id = NewSet(1);
        ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, 1, 0), new Sembuf(0, -5, 0) }, 1));
        Assert.Equal(1, Val(id, 0));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_is_all_or_nothing_when_one_operation_cannot_proceed_with_IPC_NOWAIT() => Sim.Run(() =>
    {
        var id = NewSet(3, 1, 1, 0);
        ErrnoAssert.Fails(EAGAIN, () => semop(id, new[] { new Sembuf(0, -1, 0), new Sembuf(1, 3, 0), new Sembuf(2, -1, IPC_NOWAIT) }, 3));
        Assert.Equal(new[] { 1, 1, 0 }, new[] { Val(id, 0), Val(id, 1), Val(id, 2) });
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_with_IPC_NOWAIT_on_a_wait_for_zero_fails_with_EAGAIN() => Sim.Run(() =>
    {
        var id = NewSet(1, 1);
        ErrnoAssert.Fails(EAGAIN, () => semop(id, new[] { new Sembuf(0, 0, IPC_NOWAIT) }, 1));
        semctl(id, 0, IPC_RMID);
    });

    // semop(2) ERRORS, case by case.
    [Fact]
    public void Semop_with_more_than_SEMOPM_operations_fails_with_E2BIG() => Sim.Run(() =>
    {
        var id = NewSet(1);
        var ops = Enumerable.Repeat(new Sembuf(0, 1, 0), SEMOPM + 1).ToArray();
        ErrnoAssert.Fails(E2BIG, () => semop(id, ops, SEMOPM + 1));
        ErrnoAssert.Succeeds(() => semop(id, ops, SEMOPM));
        Assert.Equal(SEMOPM, Val(id, 0));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_without_alter_permission_fails_with_EACCES_and_without_read_for_wait_for_zero() => Sim.Run(() =>
    {
        var id = semget(IPC_PRIVATE, 1, IPC_CREAT | Mode600 | S_IROTH);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            ErrnoAssert.Fails(EACCES, () => semop(id, new[] { new Sembuf(0, 1, 0) }, 1));
            ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, 0, 0) }, 1)); // read suffices
        });
        var writeOnly = semget(IPC_PRIVATE, 1, IPC_CREAT | Mode600 | S_IWOTH);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            ErrnoAssert.Fails(EACCES, () => semop(writeOnly, new[] { new Sembuf(0, 0, 0) }, 1));
            ErrnoAssert.Succeeds(() => semop(writeOnly, new[] { new Sembuf(0, 1, 0) }, 1));
        });
        semctl(id, 0, IPC_RMID);
        semctl(writeOnly, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_with_a_null_or_short_array_fails_with_EFAULT() => Sim.Run(() =>
    {
        var id = NewSet(1);
        ErrnoAssert.Fails(EFAULT, () => semop(id, null!, 1));
        ErrnoAssert.Fails(EFAULT, () => semop(id, new[] { new Sembuf(0, 1, 0) }, 2));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_with_sem_num_not_below_nsems_fails_with_EFBIG() => Sim.Run(() =>
    {
        var id = NewSet(2);
        ErrnoAssert.Fails(EFBIG, () => semop(id, new[] { new Sembuf(2, 1, 0) }, 1));
        ErrnoAssert.Fails(EFBIG, () => semop(id, new[] { new Sembuf(0, 1, 0), new Sembuf(65535, 1, 0) }, 2));
        Assert.Equal(0, Val(id, 0));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_on_a_removed_set_fails_with_EINVAL_and_on_a_set_removed_while_waiting_with_EIDRM() => Sim.Run(() =>
    {
        var id = NewSet(1);
        var child = Children.Start(() => ErrnoAssert.Fails(EIDRM, () => semop(id, new[] { new Sembuf(0, -1, 0) }, 1)));
        Children.LetOthersRun();
        Assert.Equal(1, semctl(id, 0, GETNCNT));
        ErrnoAssert.Succeeds(() => semctl(id, 0, IPC_RMID));
        Children.WaitAllSucceeded(child);
        ErrnoAssert.Fails(EINVAL, () => semop(id, new[] { new Sembuf(0, 1, 0) }, 1));
    });

    [Fact]
    public void Semop_wakes_every_waiter_with_EIDRM_when_the_set_is_removed() => Sim.Run(() =>
    {
        var id = NewSet(2);
        var waiters = new[]
        {
            Children.Start(() => ErrnoAssert.Fails(EIDRM, () => semop(id, new[] { new Sembuf(0, -1, 0) }, 1))),
            Children.Start(() => ErrnoAssert.Fails(EIDRM, () => semop(id, new[] { new Sembuf(1, 0, 0), new Sembuf(0, -2, 0) }, 2))),
            Children.Start(() => ErrnoAssert.Fails(EIDRM, () => semtimedop(id, new[] { new Sembuf(0, -1, 0) }, 1, new Timespec(100, 0)))),
        };
        Children.LetOthersRun();
        semctl(id, 0, IPC_RMID);
        Children.WaitAllSucceeded(waiters);
    });

    [Theory]
    [InlineData(0, "nsops 0")]
    [InlineData(-1, "negative nsops")]
    public void Semop_with_nsops_below_1_fails_with_EINVAL(long nsops, string why) => Sim.Run(() =>
    {
        var id = NewSet(1);
        ErrnoAssert.Fails(EINVAL, () => semop(id, new[] { new Sembuf(0, 1, 0) }, nsops), why);
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_with_an_invalid_semid_fails_with_EINVAL() => Sim.Run(() =>
    {
        ErrnoAssert.Fails(EINVAL, () => semop(-1, new[] { new Sembuf(0, 1, 0) }, 1));
        ErrnoAssert.Fails(EINVAL, () => semop(424242, new[] { new Sembuf(0, 1, 0) }, 1));
    });

    [Fact]
    public void Semop_that_would_push_a_value_past_SEMVMX_fails_with_ERANGE() => Sim.Run(() =>
    {
        var id = NewSet(1, SEMVMX - 1);
        ErrnoAssert.Fails(ERANGE, () => semop(id, new[] { new Sembuf(0, 2, 0) }, 1));
        ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, 1, 0) }, 1));
        Assert.Equal(SEMVMX, Val(id, 0));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_with_SEM_UNDO_past_the_adjustment_range_fails_with_ERANGE() => Sim.Run(() =>
    {
        var id = NewSet(1);
        ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, SEMVMX, SEM_UNDO) }, 1));  // semadj = -SEMVMX
        ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, -SEMVMX, 0) }, 1));
        ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1));        // semadj = -SEMVMX-1: still allowed
        ErrnoAssert.Fails(ERANGE, () => semop(id, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1));   // would be -SEMVMX-2
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_blocks_a_decrement_until_another_process_increments() => Sim.Run(() =>
    {
        var id = NewSet(1);
        var child = Children.Start(() =>
        {
            ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, -2, 0) }, 1));
            Assert.Equal(1, Val(id, 0));
        });
        Children.LetOthersRun();
        Assert.Equal(1, semctl(id, 0, GETNCNT));
        semop(id, new[] { new Sembuf(0, 1, 0) }, 1);
        Children.LetOthersRun();
        Assert.Equal(1, semctl(id, 0, GETNCNT)); // one is not enough for -2
        semop(id, new[] { new Sembuf(0, 2, 0) }, 1);
        Children.WaitAllSucceeded(child);
        Assert.Equal(child, semctl(id, 0, GETPID));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_wait_for_zero_blocks_until_the_value_is_zero() => Sim.Run(() =>
    {
        var id = NewSet(1, 2);
        var child = Children.Start(() => ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, 0, 0) }, 1)));
        Children.LetOthersRun();
        Assert.Equal(1, semctl(id, 0, GETZCNT));
        Assert.Equal(0, semctl(id, 0, GETNCNT));
        semop(id, new[] { new Sembuf(0, -1, 0) }, 1);
        Children.LetOthersRun();
        Assert.Equal(1, semctl(id, 0, GETZCNT));
        semop(id, new[] { new Sembuf(0, -1, 0) }, 1);
        Children.WaitAllSucceeded(child);
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_wakes_exactly_the_sleepers_that_can_proceed_in_arrival_order() => Sim.Run(() =>
    {
        var id = NewSet(2);
        int Sleeper(params Sembuf[] ops) => Children.Start(() => ErrnoAssert.Succeeds(() => semop(id, ops, ops.Length)));
        var first = Sleeper(new Sembuf(0, -1, 0));
        Children.LetOthersRun();
        var other = Sleeper(new Sembuf(1, -1, 0));
        Children.LetOthersRun();
        var second = Sleeper(new Sembuf(0, -1, 0));
        Children.LetOthersRun();
        Assert.Equal(2, semctl(id, 0, GETNCNT));
        Assert.Equal(1, semctl(id, 1, GETNCNT));

        semop(id, new[] { new Sembuf(0, 1, 0) }, 1); // enough for one of the two sem-0 sleepers: the first to arrive
        Children.WaitAllSucceeded(first);
        Children.LetOthersRun();
        Assert.Equal(1, semctl(id, 0, GETNCNT)); // the second still sleeps
        Assert.Equal(1, semctl(id, 1, GETNCNT)); // and nobody else was woken
        Assert.Equal(0, Val(id, 0));
        Assert.Equal(first, semctl(id, 0, GETPID)); // completed on its behalf, as its own operation

        semop(id, new[] { new Sembuf(0, 1, 0), new Sembuf(1, 1, 0) }, 2);
        Children.WaitAllSucceeded(other, second);
        Assert.Equal(0, Val(id, 0));
        Assert.Equal(0, Val(id, 1));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Issue8_a_completed_later_sleeper_lets_an_earlier_wait_for_zero_through() => Sim.Run(() =>
    {
        // The queue is scanned again from its head after a completion that changed a value.
        var id = NewSet(1, 1);
        var zero = Children.Start(() => ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, 0, 0) }, 1)));
        Children.LetOthersRun();
        var two = Children.Start(() => ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, -2, 0) }, 1)));
        Children.LetOthersRun();
        Assert.Equal(1, semctl(id, 0, GETZCNT));
        Assert.Equal(1, semctl(id, 0, GETNCNT));

        semop(id, new[] { new Sembuf(0, 1, 0) }, 1); // 2: the -2 behind proceeds, leaving 0 for the one in front
        Children.WaitAllSucceeded(zero, two);
        Assert.Equal(0, Val(id, 0));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Issue8_one_V_of_N_releases_all_N_sleepers() => Sim.Run(() =>
    {
        const int n = 50;
        var id = NewSet(1);
        var pids = Enumerable.Range(0, n)
            .Select(_ => Children.Start(() => ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, -1, 0) }, 1))))
            .ToArray();
        Children.LetOthersRun();
        Assert.Equal(n, semctl(id, 0, GETNCNT));

        semop(id, new[] { new Sembuf(0, n, 0) }, 1);
        Children.WaitAllSucceeded(pids);
        Assert.Equal(0, Val(id, 0));
        Assert.Equal(0, semctl(id, 0, GETNCNT));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_a_blocked_multi_operation_call_changes_nothing_until_all_can_proceed() => Sim.Run(() =>
    {
        var id = NewSet(2, 1, 0);
        var child = Children.Start(() => ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, -1, 0), new Sembuf(1, -1, 0) }, 2)));
        Children.LetOthersRun();
        Assert.Equal(1, Val(id, 0)); // the first operation alone could proceed, but nothing was taken
        Assert.Equal(1, semctl(id, 1, GETNCNT));
        Assert.Equal(0, semctl(id, 0, GETNCNT)); // counted on the semaphore it blocks on only
        ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, -1, 0) }, 1)); // others may still take sem 0
        semop(id, new[] { new Sembuf(0, 1, 0), new Sembuf(1, 1, 0) }, 2);
        Children.WaitAllSucceeded(child);
        Assert.Equal(0, Val(id, 0));
        Assert.Equal(0, Val(id, 1));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semop_blocked_when_a_signal_arrives_fails_with_EINTR_and_changes_nothing() => Sim.Run(() =>
    {
        var id = NewSet(2, 5);
        var child = Children.Start(() =>
        {
            ErrnoAssert.Fails(EINTR, () => semop(id, new[] { new Sembuf(0, -1, 0), new Sembuf(1, -1, 0) }, 2));
        });
        Children.LetOthersRun();
        Signals.Interrupt(child);
        Children.WaitAllSucceeded(child);
        Assert.Equal(5, Val(id, 0));
        Assert.Equal(0, semctl(id, 1, GETNCNT));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semtimedop_that_times_out_fails_with_EAGAIN() => Sim.Run(() =>
    {
        var id = NewSet(1);
        var k = SimProcess.Current.Kernel;
        long before;
        lock (k.Gate) before = k.Clock.NowNs;
        ErrnoAssert.Fails(EAGAIN, () => semtimedop(id, new[] { new Sembuf(0, -1, 0) }, 1, new Timespec(2, 500_000_000)));
        lock (k.Gate) Assert.Equal(2_500_000_000L, k.Clock.NowNs - before); // virtual time
        ErrnoAssert.Fails(EAGAIN, () => semtimedop(id, new[] { new Sembuf(0, -1, 0) }, 1, new Timespec(0, 0)));
        Assert.Equal(0, semctl(id, 0, GETNCNT));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semtimedop_that_can_proceed_before_the_timeout_succeeds() => Sim.Run(() =>
    {
        var id = NewSet(1);
        var child = Children.Start(() => ErrnoAssert.Succeeds(() => semtimedop(id, new[] { new Sembuf(0, -1, 0) }, 1, new Timespec(60, 0))));
        Children.LetOthersRun();
        semop(id, new[] { new Sembuf(0, 1, 0) }, 1);
        Children.WaitAllSucceeded(child);
        semctl(id, 0, IPC_RMID);
    });

    [Theory]
    [InlineData(0, -1)]
    [InlineData(0, 1_000_000_000)]
    [InlineData(-1, 0)]
    public void Semtimedop_with_an_invalid_timespec_fails_with_EINVAL(long sec, long nsec) => Sim.Run(() =>
    {
        var id = NewSet(1);
        ErrnoAssert.Fails(EINVAL, () => semtimedop(id, new[] { new Sembuf(0, -1, 0) }, 1, new Timespec(sec, nsec)));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Semtimedop_with_a_null_timeout_behaves_as_semop() => Sim.Run(() =>
    {
        var id = NewSet(1, 1);
        ErrnoAssert.Succeeds(() => semtimedop(id, new[] { new Sembuf(0, -1, 0) }, 1, null));
        Assert.Equal(0, Val(id, 0));
        semctl(id, 0, IPC_RMID);
    });
}
