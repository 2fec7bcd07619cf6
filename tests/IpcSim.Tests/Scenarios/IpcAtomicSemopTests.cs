using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Scenarios;

public class IpcAtomicSemopTests
{
    private const int Philosophers = 5;
    private const int Meals = 2_000;

    [Fact]
    public void Philosophers_taking_both_forks_in_one_semop_never_eat_beside_an_eating_neighbour() => Sim.Run(() =>
    {
        var forks = semget(IPC_PRIVATE, Philosophers, IPC_CREAT | S_IRUSR | S_IWUSR);
        semctl(forks, 0, SETALL, Enumerable.Repeat((ushort)1, Philosophers).ToArray());
        var shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
        var table = shmat(shm, 0, 0); // one int per philosopher: eating or not, then a meal count

        var diners = Enumerable.Range(0, Philosophers).Select(i => Children.Start(() =>
        {
            var left = i;
            var right = (i + 1) % Philosophers;
            var take = new[] { new Sembuf(left, -1, 0), new Sembuf(right, -1, 0) };
            var put = new[] { new Sembuf(left, 1, 0), new Sembuf(right, 1, 0) };
            for (var meal = 0; meal < Meals; meal++)
            {
                if (semop(forks, take, 2) == -1) Assert.Fail("take: " + strerror(errno));
                Mem.Write(table + (i * 4), 1);
                Assert.Equal(0, Mem.Read<int>(table + (((i + Philosophers - 1) % Philosophers) * 4)));
                Assert.Equal(0, Mem.Read<int>(table + (right * 4)));
                Mem.Write(table + 64 + (i * 4), Mem.Read<int>(table + 64 + (i * 4)) + 1);
                Mem.Write(table + (i * 4), 0);
                if (semop(forks, put, 2) == -1) Assert.Fail("put: " + strerror(errno));
            }
        })).ToArray();
        Children.WaitAllSucceeded(diners);

        for (var i = 0; i < Philosophers; i++) Assert.Equal(Meals, Mem.Read<int>(table + 64 + (i * 4)));
        var all = new ushort[Philosophers];
        semctl(forks, 0, GETALL, all);
        Assert.All(all, v => Assert.Equal(1, v));
        shmdt(table);
        shmctl(shm, IPC_RMID, null);
        semctl(forks, 0, IPC_RMID);
    });
}
