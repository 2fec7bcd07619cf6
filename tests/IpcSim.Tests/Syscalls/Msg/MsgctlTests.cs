using IpcSim.Tests.Ipc;
using static IpcSim.Tests.Syscalls.Msg.MsgTestData;

namespace IpcSim.Tests.Syscalls.Msg;

public class MsgctlTests
{
    [Fact]
    public void Msgctl_IPC_SET_changes_owner_mode_and_msg_qbytes() => Sim.Run(() =>
    {
        var q = NewQueue();
        var ds = Stat(q);
        ds.msg_perm.uid = Users.Alice;
        ds.msg_perm.gid = Users.Staff;
        ds.msg_perm.mode = 0b110_100_000;
        ds.msg_qbytes = 100;
        ErrnoAssert.Succeeds(() => msgctl(q, IPC_SET, ds));
        var after = Stat(q);
        Assert.Equal(Users.Alice, after.msg_perm.uid);
        Assert.Equal(Users.Staff, after.msg_perm.gid);
        Assert.Equal(0b110_100_000, after.msg_perm.mode);
        Assert.Equal(100UL, after.msg_qbytes);
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgctl_IPC_SET_raising_msg_qbytes_above_MSGMNB_needs_root_else_EPERM() => Sim.Run(() =>
    {
        var q = NewQueue();
        var ds = Stat(q);
        ds.msg_perm.uid = Users.Alice;
        msgctl(q, IPC_SET, ds);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            var mine = Stat(q);
            mine.msg_qbytes = MSGMNB + 1;
            ErrnoAssert.Fails(EPERM, () => msgctl(q, IPC_SET, mine));
            mine.msg_qbytes = MSGMNB;
            ErrnoAssert.Succeeds(() => msgctl(q, IPC_SET, mine));
        });
        ds = Stat(q);
        ds.msg_qbytes = 1 << 20;
        ErrnoAssert.Succeeds(() => msgctl(q, IPC_SET, ds)); // root may
        Assert.Equal(1UL << 20, Stat(q).msg_qbytes);
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgctl_IPC_SET_that_makes_room_wakes_a_blocked_sender() => Sim.Run(() =>
    {
        var q = NewQueue();
        var ds = Stat(q);
        ds.msg_qbytes = 10;
        msgctl(q, IPC_SET, ds);
        msgsnd(q, new MsgBuf(1, 10), 10, 0);
        var sender = Children.Start(() => ErrnoAssert.Succeeds(() => msgsnd(q, new MsgBuf(1, 10), 10, 0)));
        Children.LetOthersRun();
        ds.msg_qbytes = 20;
        msgctl(q, IPC_SET, ds);
        Children.WaitAllSucceeded(sender);
        Assert.Equal(20UL, Stat(q).msg_cbytes);
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgctl_IPC_SET_and_IPC_RMID_by_neither_owner_nor_creator_fail_with_EPERM() => Sim.Run(() =>
    {
        var q = msgget(IPC_PRIVATE, IPC_CREAT | 0b111_111_111);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            var ds = Stat(q);
            ErrnoAssert.Fails(EPERM, () => msgctl(q, IPC_SET, ds));
            ErrnoAssert.Fails(EPERM, () => msgctl(q, IPC_RMID, null));
        });
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgctl_IPC_STAT_without_read_permission_fails_with_EACCES() => Sim.Run(() =>
    {
        var q = msgget(IPC_PRIVATE, IPC_CREAT | S_IWUSR);
        Users.RunAs(Users.Alice, Users.Staff, () => ErrnoAssert.Fails(EACCES, () => msgctl(q, IPC_STAT, new MsqidDs())));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgctl_with_a_null_buffer_fails_with_EFAULT() => Sim.Run(() =>
    {
        var q = NewQueue();
        ErrnoAssert.Fails(EFAULT, () => msgctl(q, IPC_STAT, null));
        ErrnoAssert.Fails(EFAULT, () => msgctl(q, IPC_SET, null));
        ErrnoAssert.Fails(EFAULT, () => msgctl(q, IPC_INFO, null));
        msgctl(q, IPC_RMID, null);
    });

    [Theory]
    [InlineData(IPC_STAT)]
    [InlineData(IPC_SET)]
    [InlineData(IPC_RMID)]
    public void Msgctl_on_a_stale_or_invalid_id_fails_with_EINVAL(int cmd) => Sim.Run(() =>
    {
        var q = NewQueue();
        var ds = Stat(q);
        msgctl(q, IPC_RMID, null);
        ErrnoAssert.Fails(EINVAL, () => msgctl(q, cmd, ds));
        ErrnoAssert.Fails(EINVAL, () => msgctl(-1, cmd, ds));
    });

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(77)]
    public void Msgctl_with_an_unknown_command_fails_with_EINVAL(int cmd) => Sim.Run(() =>
    {
        var q = NewQueue();
        ErrnoAssert.Fails(EINVAL, () => msgctl(q, cmd, new MsqidDs()));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgctl_IPC_RMID_discards_the_messages() => Sim.Run(() =>
    {
        var q = NewQueue();
        Send(q, 1, "lost");
        ErrnoAssert.Succeeds(() => msgctl(q, IPC_RMID, null));
        ErrnoAssert.Fails(EINVAL, () => msgctl(q, IPC_STAT, new MsqidDs()));
    });

    [Fact]
    public void Msgctl_IPC_INFO_and_MSG_INFO_report_limits_and_usage() => Sim.Run(() =>
    {
        Assert.Equal(0, msgctl(0, IPC_INFO, out Msginfo info));
        Assert.Equal(MSGMAX, info.msgmax);
        Assert.Equal(MSGMNB, info.msgmnb);
        Assert.Equal(MSGMNI, info.msgmni);
        var a = NewQueue();
        var b = NewQueue();
        Send(b, 1, "12345");
        Assert.Equal(b % IPCMNI, msgctl(0, MSG_INFO, out info));
        Assert.Equal(2, info.msgpool);
        Assert.Equal(1, info.msgmap);
        Assert.Equal(5, info.msgtql);
        msgctl(a, IPC_RMID, null);
        msgctl(b, IPC_RMID, null);
    });

    [Fact]
    public void Msgctl_MSG_STAT_takes_an_index_and_returns_the_id() => Sim.Run(() =>
    {
        msgctl(NewQueue(), IPC_RMID, null);
        var q = NewQueue();
        Assert.Equal(q, msgctl(q % IPCMNI, MSG_STAT, new MsqidDs()));
        msgctl(q, IPC_RMID, null);
    });
}
