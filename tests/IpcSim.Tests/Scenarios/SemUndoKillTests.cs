using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Scenarios;

/// <summary>
/// Processes holding a SEM_UNDO lock are killed at arbitrary points: the kernel must undo their
/// P at exit, so the survivors never deadlock and the semaphore ends where it started.
/// </summary>
public class SemUndoKillTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Killing_SEM_UNDO_lock_holders_at_random_points_leaves_no_deadlock_and_restores_every_semaphore(int seed)
    {
        const int workers = 8, rounds = 200;
        Sim.Run(() =>
        {
            var random = new Random(seed);
            var semid = (int)ErrnoAssert.Succeeds(() => semget(IPC_PRIVATE, 2, IPC_CREAT | S_IRUSR | S_IWUSR));
            ErrnoAssert.Succeeds(() => semctl(semid, 0, SETALL, new ushort[] { 1, 3 })); // a mutex and a 3-slot pool
            var shmid = (int)ErrnoAssert.Succeeds(() => shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR));
            var counter = shmat(shmid, 0, 0);
            Assert.NotEqual(-1, counter);

            var pids = new List<int>();
            for (var w = 0; w < workers; w++)
            {
                pids.Add(Children.Start(() =>
                {
                    var take = new[] { new Sembuf(1, -1, SEM_UNDO), new Sembuf(0, -1, SEM_UNDO) };
                    var give = new[] { new Sembuf(0, 1, SEM_UNDO), new Sembuf(1, 1, SEM_UNDO) };
                    for (var i = 0; i < rounds; i++)
                    {
                        Assert.Equal(0, semop(semid, take, 2));
                        Mem.Write(counter, Mem.Read<int>(counter) + 1);
                        Assert.Equal(0, usleep(100)); // hold the lock across a sleep: a kill lands inside
                        Assert.Equal(0, semop(semid, give, 2));
                    }
                }));
            }

            // Kill half of them, each at a random virtual instant.
            var victims = pids.OrderBy(_ => random.Next()).Take(workers / 2).ToList();
            foreach (var victim in victims)
            {
                Assert.Equal(0, usleep(random.Next(1, 40_000)));
                Assert.Equal(0, kill(victim, SIGKILL));
            }

            var killed = 0;
            foreach (var pid in pids)
            {
                var status = Children.Wait(pid);
                if (victims.Contains(pid))
                {
                    // A victim may have finished before its kill landed.
                    Assert.True(WIFEXITED(status) || WTERMSIG(status) == SIGKILL, $"victim {pid}: status 0x{status:x}");
                    if (WIFSIGNALED(status)) killed++;
                }
                else
                {
                    Assert.True(WIFEXITED(status) && WEXITSTATUS(status) == 0, $"survivor {pid}: status 0x{status:x}");
                }
            }

            Assert.True(killed > 0, "no victim was killed before it finished: the test would prove nothing");
            Assert.Equal(1, semctl(semid, 0, GETVAL));
            Assert.Equal(3, semctl(semid, 1, GETVAL));
            Assert.InRange(Mem.Read<int>(counter), workers / 2 * rounds, workers * rounds);
            Assert.Equal(0, shmdt(counter));
            Assert.Equal(0, shmctl(shmid, IPC_RMID, null));
            Assert.Equal(0, semctl(semid, 0, IPC_RMID));
        });
    }
}
