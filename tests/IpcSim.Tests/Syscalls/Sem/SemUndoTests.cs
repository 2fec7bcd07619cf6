using IpcSim.Tests.Ipc;
using static IpcSim.Tests.Syscalls.Sem.SemopTests;

namespace IpcSim.Tests.Syscalls.Sem;

public class SemUndoTests
{
    [Fact]
    public void SEM_UNDO_adjustments_are_applied_when_the_process_exits() => Sim.Run(() =>
    {
        var id = NewSet(2, 1, 0);
        var child = Children.Start(() =>
        {
            ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, -1, SEM_UNDO), new Sembuf(1, 3, SEM_UNDO) }, 2));
            ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(1, 1, 0) }, 1)); // not undone
        });
        Children.WaitAllSucceeded(child);
        Assert.Equal(1, Val(id, 0));
        Assert.Equal(1, Val(id, 1));
        Assert.Equal(child, semctl(id, 0, GETPID));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void SEM_UNDO_releases_a_lock_held_by_a_process_that_dies() => Sim.Run(() =>
    {
        var id = NewSet(1, 1);
        var shmid = shmget(IPC_PRIVATE, 100, IPC_CREAT | S_IRUSR | S_IWUSR);
        var holder = Children.Start(() =>
        {
            semop(id, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1);
            Mem.Write(shmat(shmid, 0, SHM_RDONLY), 1); // dies of SIGSEGV holding the lock
        });
        Assert.Equal(SIGSEGV, WTERMSIG(Children.Wait(holder)));
        ErrnoAssert.Succeeds(() => semop(id, new[] { new Sembuf(0, -1, IPC_NOWAIT) }, 1));
        shmctl(shmid, IPC_RMID, null);
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void SEM_UNDO_at_exit_wakes_a_waiter_that_can_now_proceed() => Sim.Run(() =>
    {
        var id = NewSet(1, 1);
        var holder = Children.Start(() => semop(id, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1));
        Children.WaitAllSucceeded(holder);
        Assert.Equal(1, Val(id, 0));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void SEM_UNDO_at_exit_clamps_at_zero_as_Linux_does() => Sim.Run(() =>
    {
        var id = NewSet(1);
        var child = Children.Start(() =>
        {
            semop(id, new[] { new Sembuf(0, 5, SEM_UNDO) }, 1); // semadj -5
            semctl(id, 0, SETVAL, 7);                            // clears the semadj... of sem 0
            semop(id, new[] { new Sembuf(0, 2, SEM_UNDO) }, 1); // semadj -2
            semop(id, new[] { new Sembuf(0, -8, 0) }, 1);       // value 1
        });
        Children.WaitAllSucceeded(child);
        Assert.Equal(0, Val(id, 0)); // 1 - 2 clamps to 0
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void SETVAL_clears_the_semaphores_adjustment_in_every_process() => Sim.Run(() =>
    {
        var id = NewSet(2);
        var gate = NewSet(1);
        var child = Children.Start(() =>
        {
            semop(id, new[] { new Sembuf(0, 4, SEM_UNDO), new Sembuf(1, 4, SEM_UNDO) }, 2);
            semop(gate, new[] { new Sembuf(0, -1, 0) }, 1); // wait for the parent's SETVAL
        });
        Children.LetOthersRun();
        semctl(id, 0, SETVAL, 4);
        semop(gate, new[] { new Sembuf(0, 1, 0) }, 1);
        Children.WaitAllSucceeded(child);
        Assert.Equal(4, Val(id, 0)); // adjustment cleared by SETVAL
        Assert.Equal(0, Val(id, 1)); // adjustment applied
        semctl(id, 0, IPC_RMID);
        semctl(gate, 0, IPC_RMID);
    });

    [Fact]
    public void SETALL_clears_every_adjustment_of_the_set() => Sim.Run(() =>
    {
        var id = NewSet(2);
        var child = Children.Start(() =>
        {
            semop(id, new[] { new Sembuf(0, 4, SEM_UNDO), new Sembuf(1, 4, SEM_UNDO) }, 2);
            semctl(id, 0, SETALL, new ushort[] { 9, 9 });
        });
        Children.WaitAllSucceeded(child);
        Assert.Equal(9, Val(id, 0));
        Assert.Equal(9, Val(id, 1));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void SEM_UNDO_adjustments_are_not_inherited_by_a_child() => Sim.Run(() =>
    {
        var id = NewSet(1);
        var parentWithUndo = Children.Start(() =>
        {
            semop(id, new[] { new Sembuf(0, 3, SEM_UNDO) }, 1);
            Children.WaitAllSucceeded(Children.Start(() => { })); // the grandchild exits: nothing undone
            Assert.Equal(3, Val(id, 0));
        });
        Children.WaitAllSucceeded(parentWithUndo);
        Assert.Equal(0, Val(id, 0));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void SEM_UNDO_for_a_removed_set_is_dropped_at_exit() => Sim.Run(() =>
    {
        var id = NewSet(1);
        var child = Children.Start(() =>
        {
            semop(id, new[] { new Sembuf(0, 3, SEM_UNDO) }, 1);
            semctl(id, 0, IPC_RMID);
            var again = semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR); // may reuse the index
            semctl(again, 0, IPC_RMID);
        });
        Children.WaitAllSucceeded(child);
    });
}
