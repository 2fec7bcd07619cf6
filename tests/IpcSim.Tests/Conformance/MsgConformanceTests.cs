using IpcSim.Tests.Ipc;
using static IpcSim.Tests.Syscalls.Msg.MsgTestData;

namespace IpcSim.Tests.Conformance;

/// <summary>
/// msgsnd(2)/msgrcv(2)/msgctl(2) behaviours checked against ipc/msg.c (do_msgsnd, do_msgrcv,
/// convert_mode, ksys_msgctl).
/// </summary>
public class MsgConformanceTests
{
    [Fact]
    public void Msgsnd_with_mtype_below_1_on_an_invalid_id_fails_with_EINVAL() => Sim.Run(() =>
    {
        var q = NewQueue();
        msgctl(q, IPC_RMID, null);
        var m = Text(0, "x");
        ErrnoAssert.Fails(EINVAL, () => msgsnd(q, m, 1, 0));
        ErrnoAssert.Fails(EINVAL, () => msgsnd(-1, m, 1, 0));
    });

    [Fact]
    public void Msgsnd_with_mtype_below_1_fails_with_EINVAL_before_the_permission_check() => Sim.Run(() =>
    {
        var q = (int)ErrnoAssert.Succeeds(() => msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR));
        Children.WaitAllSucceeded(Children.Start(() => Users.RunAs(1000, 1000, () =>
        {
            ErrnoAssert.Fails(EINVAL, () => msgsnd(q, Text(0, "x"), 1, 0));
            ErrnoAssert.Fails(EINVAL, () => msgsnd(q, Text(-5, "x"), 1, 0));
            ErrnoAssert.Fails(EACCES, () => msgsnd(q, Text(1, "x"), 1, 0));
        })));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_with_MSG_EXCEPT_and_msgtyp_0_takes_the_first_message_of_any_type() => Sim.Run(() =>
    {
        var q = NewQueue();
        Send(q, 4, "four");
        Send(q, 2, "two");
        Assert.Equal((4L, "four"), Receive(q, 0, MSG_EXCEPT));
        Assert.Equal((2L, "two"), Receive(q, 0, MSG_EXCEPT));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_with_a_negative_msgtyp_takes_the_lowest_type_and_the_first_of_it() => Sim.Run(() =>
    {
        var q = NewQueue();
        Send(q, 5, "five");
        Send(q, 3, "three-a");
        Send(q, 9, "nine");
        Send(q, 3, "three-b");
        Send(q, 4, "four");
        Assert.Equal((3L, "three-a"), Receive(q, -6));
        Assert.Equal((3L, "three-b"), Receive(q, -6));
        Assert.Equal((4L, "four"), Receive(q, -6));
        Assert.Equal((5L, "five"), Receive(q, -6));
        var empty = new MsgBuf(0, 16);
        ErrnoAssert.Fails(ENOMSG, () => msgrcv(q, empty, 16, -6, IPC_NOWAIT));
        Assert.Equal((9L, "nine"), Receive(q, long.MinValue));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_with_MSG_NOERROR_returns_msgsz_and_removes_the_message() => Sim.Run(() =>
    {
        var q = NewQueue();
        Send(q, 1, "abcdefgh");
        var m = new MsgBuf(0, 16);
        Assert.Equal(3, msgrcv(q, m, 3, 0, MSG_NOERROR));
        Assert.Equal("abc", System.Text.Encoding.UTF8.GetString(m.mtext, 0, 3));
        Assert.Equal(0UL, Stat(q).msg_qnum);
        Assert.Equal(0UL, Stat(q).msg_cbytes);
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_with_a_too_small_buffer_fails_with_E2BIG_even_with_IPC_NOWAIT_and_keeps_the_message() => Sim.Run(() =>
    {
        var q = NewQueue();
        Send(q, 1, "abcdefgh");
        var m = new MsgBuf(0, 16);
        ErrnoAssert.Fails(E2BIG, () => msgrcv(q, m, 3, 0, IPC_NOWAIT));
        Assert.Equal(1UL, Stat(q).msg_qnum);
        Assert.Equal(0, Stat(q).msg_lrpid);
        Assert.Equal(0, Stat(q).msg_rtime);
        Assert.Equal((1L, "abcdefgh"), Receive(q, 0));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_with_IPC_NOWAIT_and_no_matching_message_fails_with_ENOMSG() => Sim.Run(() =>
    {
        var q = NewQueue();
        Send(q, 2, "two");
        var m = new MsgBuf(0, 16);
        ErrnoAssert.Fails(ENOMSG, () => msgrcv(q, m, 16, 1, IPC_NOWAIT));
        ErrnoAssert.Fails(ENOMSG, () => msgrcv(q, m, 16, 2, IPC_NOWAIT | MSG_EXCEPT));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgctl_with_an_unknown_command_on_a_valid_queue_fails_with_EINVAL() => Sim.Run(() =>
    {
        var q = NewQueue();
        ErrnoAssert.Fails(EINVAL, () => msgctl(q, 12345, new MsqidDs()));
        msgctl(q, IPC_RMID, null);
        ErrnoAssert.Fails(EINVAL, () => msgctl(q, IPC_STAT, new MsqidDs()));
        ErrnoAssert.Fails(EINVAL, () => msgctl(q, IPC_RMID, null));
    });

    [Fact]
    public void Msg_times_and_pids_track_the_last_send_and_receive_by_different_processes() => Sim.Run(() =>
    {
        var q = NewQueue();
        var created = Stat(q);
        Assert.Equal(0, created.msg_stime);
        Assert.Equal(0, created.msg_rtime);
        Assert.Equal(0, created.msg_lspid);
        Assert.Equal(0, created.msg_lrpid);
        Assert.Equal((ulong)MSGMNB, created.msg_qbytes);
        Assert.Equal(0u, sleep(3));
        var sender = Children.Start(() => Send(q, 1, "hi"));
        Children.WaitAllSucceeded(sender);
        Assert.Equal(0u, sleep(4));
        Assert.Equal((1L, "hi"), Receive(q, 0));
        var ds = Stat(q);
        Assert.Equal(sender, ds.msg_lspid);
        Assert.Equal(getpid(), ds.msg_lrpid);
        Assert.Equal(created.msg_ctime + 3, ds.msg_stime);
        Assert.Equal(created.msg_ctime + 7, ds.msg_rtime);
        Assert.Equal(created.msg_ctime, ds.msg_ctime);
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgctl_IPC_SET_raising_msg_qbytes_lets_a_blocked_sender_through_and_updates_ctime() => Sim.Run(() =>
    {
        var q = NewQueue();
        var ds = Stat(q);
        ds.msg_qbytes = 4;
        Assert.Equal(0, msgctl(q, IPC_SET, ds));
        Send(q, 1, "abcd");
        var sender = Children.Start(() => Send(q, 2, "ef"));
        Children.LetOthersRun();
        Assert.Equal(1UL, Stat(q).msg_qnum);
        var before = Stat(q).msg_ctime;
        Assert.Equal(0u, sleep(2));
        ds = Stat(q);
        ds.msg_qbytes = 64;
        Assert.Equal(0, msgctl(q, IPC_SET, ds));
        Children.WaitAllSucceeded(sender);
        var after = Stat(q);
        Assert.Equal(2UL, after.msg_qnum);
        Assert.Equal(6UL, after.msg_cbytes);
        Assert.Equal(before + 2, after.msg_ctime);
        msgctl(q, IPC_RMID, null);
    });
}
