using IpcSim.Tests.Ipc;
using static IpcSim.Tests.Syscalls.Msg.MsgTestData;

namespace IpcSim.Tests.Syscalls.Msg;

public class MsggetTests
{
    private const int Key = 0x3e3;

    [Fact]
    public void Msgget_creates_an_empty_queue_with_MSGMNB_bytes_and_ctime() => Sim.Run(() =>
    {
        var q = NewQueue();
        var ds = Stat(q);
        Assert.Equal((ulong)MSGMNB, ds.msg_qbytes);
        Assert.Equal(0UL, ds.msg_qnum);
        Assert.Equal(0UL, ds.msg_cbytes);
        Assert.Equal(0, ds.msg_stime);
        Assert.Equal(0, ds.msg_rtime);
        Assert.True(ds.msg_ctime > 0);
        Assert.Equal(Mode600, ds.msg_perm.mode);
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgget_of_an_existing_key_returns_the_same_queue() => Sim.Run(() =>
    {
        var q = msgget(Key, IPC_CREAT | Mode600);
        Assert.Equal(q, msgget(Key, 0));
        Assert.Equal(q, msgget(Key, IPC_CREAT));
        var other = msgget(IPC_PRIVATE, 0); // IPC_PRIVATE creates even without IPC_CREAT
        Assert.True(other >= 0);
        Assert.NotEqual(q, other);
        msgctl(q, IPC_RMID, null);
        msgctl(other, IPC_RMID, null);
    });

    // msgget(2) ERRORS, case by case.
    [Fact]
    public void Msgget_of_a_missing_key_without_IPC_CREAT_fails_with_ENOENT() =>
        Sim.Run(() => ErrnoAssert.Fails(ENOENT, () => msgget(Key, Mode600)));

    [Fact]
    public void Msgget_with_IPC_CREAT_and_IPC_EXCL_on_an_existing_key_fails_with_EEXIST() => Sim.Run(() =>
    {
        var q = msgget(Key, IPC_CREAT | Mode600);
        ErrnoAssert.Fails(EEXIST, () => msgget(Key, IPC_CREAT | IPC_EXCL | Mode600));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgget_without_the_asked_permission_fails_with_EACCES() => Sim.Run(() =>
    {
        var q = msgget(Key, IPC_CREAT | Mode600);
        Users.RunAs(Users.Alice, Users.Staff, () => ErrnoAssert.Fails(EACCES, () => msgget(Key, S_IRUSR)));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgget_fails_with_ENOSPC_past_MSGMNI_queues() => Sim.Run(() =>
    {
        SimProcess.Current.Kernel.IpcLimits.MsgMni = 2;
        var a = msgget(IPC_PRIVATE, IPC_CREAT);
        var b = msgget(IPC_PRIVATE, IPC_CREAT);
        ErrnoAssert.Fails(ENOSPC, () => msgget(IPC_PRIVATE, IPC_CREAT));
        msgctl(a, IPC_RMID, null);
        msgctl(b, IPC_RMID, null);
    });

    [Fact]
    public void Msgget_can_create_MSGMNI_queues() => Sim.Run(() =>
    {
        var ids = new int[MSGMNI];
        for (var i = 0; i < MSGMNI; i++)
        {
            ids[i] = msgget(IPC_PRIVATE, IPC_CREAT);
            Assert.True(ids[i] >= 0);
        }

        ErrnoAssert.Fails(ENOSPC, () => msgget(IPC_PRIVATE, IPC_CREAT));
        foreach (var id in ids) msgctl(id, IPC_RMID, null);
    });
}
