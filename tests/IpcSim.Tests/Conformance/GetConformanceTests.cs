using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Conformance;

/// <summary>
/// The order of the checks in shmget/semget/msgget on an existing key, as ipc/util.c ipcget_public()
/// makes it: EEXIST (IPC_CREAT | IPC_EXCL), then the kind's more_checks (size, nsems: EINVAL), then EACCES.
/// </summary>
public class GetConformanceTests
{
    [Fact]
    public void Semget_on_an_existing_key_checks_EEXIST_then_nsems_then_permission() => Sim.Run(() =>
    {
        const int key = 0x5e11;
        var id = (int)ErrnoAssert.Succeeds(() => semget(key, 2, IPC_CREAT | S_IRUSR | S_IWUSR));
        ErrnoAssert.Fails(EINVAL, () => semget(key, SEMMSL + 1, IPC_CREAT | IPC_EXCL));   // ksys_semget's range check comes first
        ErrnoAssert.Fails(EEXIST, () => semget(key, 5, IPC_CREAT | IPC_EXCL));
        ErrnoAssert.Fails(EINVAL, () => semget(key, 5, 0));
        Children.WaitAllSucceeded(Children.Start(() => Users.RunAs(1000, 1000, () =>
        {
            ErrnoAssert.Fails(EINVAL, () => semget(key, 5, S_IRUSR));
            ErrnoAssert.Fails(EACCES, () => semget(key, 2, S_IRUSR));
            Assert.Equal(id, semget(key, 2, 0));                     // ipcperms() asks for nothing when the flags hold no mode bits
        })));
        semctl(id, 0, IPC_RMID);
    });

    [Fact]
    public void Shmget_on_an_existing_key_checks_EEXIST_then_size_then_permission() => Sim.Run(() =>
    {
        const int key = 0x5e12;
        var id = (int)ErrnoAssert.Succeeds(() => shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR));
        ErrnoAssert.Fails(EEXIST, () => shmget(key, 1 << 20, IPC_CREAT | IPC_EXCL));
        Children.WaitAllSucceeded(Children.Start(() => Users.RunAs(1000, 1000, () =>
        {
            ErrnoAssert.Fails(EINVAL, () => shmget(key, 1 << 20, S_IRUSR));
            ErrnoAssert.Fails(EACCES, () => shmget(key, 4096, S_IRUSR));
            Assert.Equal(id, shmget(key, 4096, 0));
        })));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Shmget_creating_a_segment_of_size_0_fails_with_EINVAL() => Sim.Run(() =>
    {
        ErrnoAssert.Fails(EINVAL, () => shmget(IPC_PRIVATE, 0, IPC_CREAT | S_IRUSR));
        ErrnoAssert.Fails(ENOENT, () => shmget(0x5e13, 0, 0));
    });
}
