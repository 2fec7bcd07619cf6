using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Scenarios;

public class IpcMutexCounterTests
{
    private const int Processes = 8;
    private const int Rounds = 10_000;

    [Fact]
    public void Eight_processes_doing_ten_thousand_P_V_each_on_a_mutex_semaphore_keep_a_shared_counter_exact() => Sim.Run(() =>
    {
        var sem = semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
        ErrnoAssert.Succeeds(() => semctl(sem, 0, SETVAL, 1));
        var shm = shmget(IPC_PRIVATE, sizeof(long), IPC_CREAT | S_IRUSR | S_IWUSR);
        var counter = shmat(shm, 0, 0);
        var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
        var v = new[] { new Sembuf(0, 1, SEM_UNDO) };

        var workers = Enumerable.Range(0, Processes).Select(_ => Children.Start(() =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                if (semop(sem, p, 1) == -1) Assert.Fail("P failed: " + strerror(errno));
                var value = Mem.Read<long>(counter); // a read-modify-write that loses updates without the mutex
                Mem.Write(counter, value + 1);
                if (semop(sem, v, 1) == -1) Assert.Fail("V failed: " + strerror(errno));
            }
        })).ToArray();
        Children.WaitAllSucceeded(workers);

        Assert.Equal((long)Processes * Rounds, Mem.Read<long>(counter));
        Assert.Equal(1, semctl(sem, 0, GETVAL));
        shmdt(counter);
        shmctl(shm, IPC_RMID, null);
        semctl(sem, 0, IPC_RMID);
    });
}
