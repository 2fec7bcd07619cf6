using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Scenarios;

public class IpcInspectionTests
{
    [Fact]
    public void Ipcs_prints_the_three_tables_as_util_linux_ipcs_does()
    {
        string? table = null;
        Sim.Run(() =>
        {
            var q = msgget(0x99, IPC_CREAT | 0b110_100_100);
            msgsnd(q, new MsgBuf(1, 5), 5, 0);
            var shm = shmget(0x1234, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
            var addr = shmat(shm, 0, 0);
            shmctl(shm, IPC_RMID, null);
            var locked = shmget(0x2bcdef01, 10, IPC_CREAT | S_IRUSR);
            shmctl(locked, SHM_LOCK, null);
            var ds = new ShmidDs();
            shmctl(locked, IPC_STAT, ds);
            ds.shm_perm.uid = Users.Alice;
            shmctl(locked, IPC_SET, ds);
            var sem = semget(IPC_PRIVATE, 2, IPC_CREAT | S_IRUSR | S_IWUSR);
            table = SimProcess.Current.Kernel.Ipcs();
            shmdt(addr);
            shmctl(locked, IPC_RMID, null);
            semctl(sem, 0, IPC_RMID);
            msgctl(q, IPC_RMID, null);
        });

        var expected =
            "\n" +
            "------ Message Queues --------\n" +
            "key        msqid      owner      perms      used-bytes   messages    \n" +
            "0x00000099 0          root       644        5            1           \n" +
            "\n" +
            "------ Shared Memory Segments --------\n" +
            "key        shmid      owner      perms      bytes      nattch     status      \n" +
            "0x00000000 0          root       600        4096       1          dest         \n" +
            "0x2bcdef01 1          1000       400        10         0                 locked\n" +
            "\n" +
            "------ Semaphore Arrays --------\n" +
            "key        semid      owner      perms      nsems     \n" +
            "0x00000000 0          root       600        2         \n" +
            "\n";
        Assert.Equal(expected, table);
    }

    [Fact]
    public void Ipcs_can_show_one_kind_alone()
    {
        var k = new IpcSim.Kernel();
        Assert.Equal("\n------ Semaphore Arrays --------\nkey        semid      owner      perms      nsems     \n\n", k.Ipcs(shm: false, msg: false));
    }

    [Fact]
    public void Leaks_lists_every_object_left_when_Run_ends()
    {
        var pid = 0;
        var k = Sim.Run(() =>
        {
            pid = getpid();
            shmget(0x10, 100, IPC_CREAT | S_IRUSR);
            semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
            var q = msgget(0x30, IPC_CREAT | S_IRUSR);
            msgctl(msgget(0x31, IPC_CREAT), IPC_RMID, null);
            Assert.Equal(0, q);
        }, allowLeaks: true);
        Assert.Equal(
            new[]
            {
                new IpcObjectInfo(IpcObjectKind.SharedMemory, 0x10, 0, S_IRUSR, pid),
                new IpcObjectInfo(IpcObjectKind.Semaphore, 0, 0, S_IRUSR | S_IWUSR, pid),
                new IpcObjectInfo(IpcObjectKind.MessageQueue, 0x30, 0, S_IRUSR, pid),
            },
            k.Leaks);
        Assert.Contains("0x00000010", k.Ipcs()); // still there to inspect
    }

    [Fact]
    public void A_run_that_cleans_up_leaves_no_leaks()
    {
        var k = Sim.Run(() =>
        {
            var id = shmget(IPC_PRIVATE, 100, IPC_CREAT);
            var addr = shmat(id, 0, 0);
            shmctl(id, IPC_RMID, null); // destroyed at exit's detach
            Assert.NotEqual(-1, addr);
        });
        Assert.Empty(k.Leaks);
    }

    [Fact]
    public void A_segment_left_attached_by_a_dead_process_is_freed_by_its_exit() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 100, IPC_CREAT | S_IRUSR | S_IWUSR);
        Children.WaitAllSucceeded(Children.Start(() =>
        {
            shmat(id, 0, 0);
            shmctl(id, IPC_RMID, null);
        }));
        ErrnoAssert.Fails(EINVAL, () => shmctl(id, IPC_STAT, new ShmidDs()));
    });
}
