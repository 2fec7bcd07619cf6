using IpcSim.Tests.Ipc;
using static IpcSim.Tests.Syscalls.Msg.MsgTestData;

namespace IpcSim.Tests.Syscalls.Msg;

public class MsgrcvTests
{
    private static int Queue(params (long Type, string Text)[] messages)
    {
        var q = NewQueue();
        foreach (var (type, text) in messages) Send(q, type, text);
        return q;
    }

    [Fact]
    public void Msgrcv_with_msgtyp_0_takes_the_first_message() => Sim.Run(() =>
    {
        var q = Queue((3, "c"), (1, "a"), (2, "b"));
        Assert.Equal((3L, "c"), Receive(q, 0));
        Assert.Equal((1L, "a"), Receive(q, 0));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_with_a_positive_msgtyp_takes_the_first_of_that_type() => Sim.Run(() =>
    {
        var q = Queue((3, "c1"), (2, "b1"), (3, "c2"), (2, "b2"));
        Assert.Equal((2L, "b1"), Receive(q, 2));
        Assert.Equal((2L, "b2"), Receive(q, 2));
        Assert.Equal((3L, "c1"), Receive(q, 3));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_with_MSG_EXCEPT_takes_the_first_not_of_that_type() => Sim.Run(() =>
    {
        var q = Queue((3, "c"), (2, "b"), (4, "d"));
        Assert.Equal((2L, "b"), Receive(q, 3, MSG_EXCEPT));
        Assert.Equal((3L, "c"), Receive(q, 4, MSG_EXCEPT));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_with_a_negative_msgtyp_takes_the_first_of_the_lowest_type_not_above_its_absolute_value() => Sim.Run(() =>
    {
        var q = Queue((5, "e"), (3, "c1"), (9, "i"), (2, "b1"), (2, "b2"), (1, "a"));
        Assert.Equal((1L, "a"), Receive(q, -2));
        Assert.Equal((2L, "b1"), Receive(q, -4));
        Assert.Equal((2L, "b2"), Receive(q, -4));
        Assert.Equal((3L, "c1"), Receive(q, -4));
        Assert.Equal((5L, "e"), Receive(q, long.MinValue));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_maintains_qnum_cbytes_lrpid_and_rtime() => Sim.Run(() =>
    {
        var q = Queue((1, "abcd"), (1, "ef"));
        Receive(q, 0);
        var ds = Stat(q);
        Assert.Equal(1UL, ds.msg_qnum);
        Assert.Equal(2UL, ds.msg_cbytes);
        Assert.Equal(getpid(), ds.msg_lrpid);
        Assert.True(ds.msg_rtime > 0);
        msgctl(q, IPC_RMID, null);
    });

    // msgop(2) ERRORS for msgrcv, case by case.
    [Fact]
    public void Msgrcv_of_a_message_longer_than_msgsz_fails_with_E2BIG_and_leaves_it_queued() => Sim.Run(() =>
    {
        var q = Queue((1, "too long"));
        var m = new MsgBuf(0, 100);
        ErrnoAssert.Fails(E2BIG, () => msgrcv(q, m, 3, 0, 0));
        Assert.Equal(1UL, Stat(q).msg_qnum);
        Assert.Equal((1L, "too long"), Receive(q, 0));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_with_MSG_NOERROR_truncates_a_longer_message() => Sim.Run(() =>
    {
        var q = Queue((1, "too long"));
        var m = new MsgBuf(0, 3);
        Assert.Equal(3, msgrcv(q, m, 3, 0, MSG_NOERROR));
        Assert.Equal("too"u8.ToArray(), m.mtext);
        Assert.Equal(0UL, Stat(q).msg_qnum);
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_with_IPC_NOWAIT_and_no_matching_message_fails_with_ENOMSG() => Sim.Run(() =>
    {
        var q = Queue((1, "a"));
        var m = new MsgBuf(0, 10);
        ErrnoAssert.Fails(ENOMSG, () => msgrcv(q, m, 10, 2, IPC_NOWAIT));
        ErrnoAssert.Fails(ENOMSG, () => msgrcv(q, m, 10, 1, IPC_NOWAIT | MSG_EXCEPT));
        Receive(q, 0);
        ErrnoAssert.Fails(ENOMSG, () => msgrcv(q, m, 10, 0, IPC_NOWAIT));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_with_a_negative_msgsz_or_invalid_id_fails_with_EINVAL() => Sim.Run(() =>
    {
        var q = Queue();
        ErrnoAssert.Fails(EINVAL, () => msgrcv(q, new MsgBuf(0, 10), -1, 0, IPC_NOWAIT));
        ErrnoAssert.Fails(EINVAL, () => msgrcv(-1, new MsgBuf(0, 10), 10, 0, IPC_NOWAIT));
        msgctl(q, IPC_RMID, null);
        ErrnoAssert.Fails(EINVAL, () => msgrcv(q, new MsgBuf(0, 10), 10, 0, IPC_NOWAIT));
    });

    [Fact]
    public void Msgrcv_with_msgsz_beyond_mtext_or_no_buffer_fails_with_EFAULT_and_loses_nothing() => Sim.Run(() =>
    {
        var q = Queue((1, "keep"));
        ErrnoAssert.Fails(EFAULT, () => msgrcv(q, new MsgBuf(0, 2), 10, 0, 0));
        ErrnoAssert.Fails(EFAULT, () => msgrcv(q, null!, 10, 0, 0));
        Assert.Equal((1L, "keep"), Receive(q, 0));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_without_read_permission_fails_with_EACCES() => Sim.Run(() =>
    {
        var q = msgget(IPC_PRIVATE, IPC_CREAT | Mode600 | S_IWOTH);
        Users.RunAs(Users.Alice, Users.Staff, () =>
        {
            ErrnoAssert.Succeeds(() => msgsnd(q, new MsgBuf(1, 1), 1, 0));
            ErrnoAssert.Fails(EACCES, () => msgrcv(q, new MsgBuf(0, 1), 1, 0, IPC_NOWAIT));
        });
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_blocks_until_a_message_of_the_wanted_type_arrives() => Sim.Run(() =>
    {
        var q = NewQueue();
        var receiver = Children.Start(() => Assert.Equal((4L, "four"), Receive(q, 4)));
        Children.LetOthersRun();
        Send(q, 1, "one"); // not wanted: queued
        Children.LetOthersRun();
        Assert.Equal(1UL, Stat(q).msg_qnum);
        Send(q, 4, "four");
        Children.WaitAllSucceeded(receiver);
        Assert.Equal((1L, "one"), Receive(q, 0));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_waiting_with_a_small_buffer_gets_E2BIG_from_a_direct_handover_and_the_message_is_queued() => Sim.Run(() =>
    {
        var q = NewQueue();
        var receiver = Children.Start(() => ErrnoAssert.Fails(E2BIG, () => msgrcv(q, new MsgBuf(0, 2), 2, 0, 0)));
        Children.LetOthersRun();
        Send(q, 1, "longer");
        Children.WaitAllSucceeded(receiver);
        Assert.Equal((1L, "longer"), Receive(q, 0));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_blocked_when_the_queue_is_removed_fails_with_EIDRM() => Sim.Run(() =>
    {
        var q = NewQueue();
        var receivers = new[]
        {
            Children.Start(() => ErrnoAssert.Fails(EIDRM, () => msgrcv(q, new MsgBuf(0, 8), 8, 0, 0))),
            Children.Start(() => ErrnoAssert.Fails(EIDRM, () => msgrcv(q, new MsgBuf(0, 8), 8, -3, 0))),
        };
        Children.LetOthersRun();
        msgctl(q, IPC_RMID, null);
        Children.WaitAllSucceeded(receivers);
    });

    [Fact]
    public void Msgrcv_blocked_when_a_signal_arrives_fails_with_EINTR() => Sim.Run(() =>
    {
        var q = NewQueue();
        var receiver = Children.Start(() =>
        {
            ErrnoAssert.Fails(EINTR, () => msgrcv(q, new MsgBuf(0, 8), 8, 0, 0));
        });
        Children.LetOthersRun();
        Signals.Interrupt(receiver);
        Children.WaitAllSucceeded(receiver);
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgrcv_with_MSG_COPY_returns_a_copy_by_position_and_leaves_the_queue_alone() => Sim.Run(() =>
    {
        var q = Queue((1, "a"), (2, "b"));
        Assert.Equal((2L, "b"), Receive(q, 1, MSG_COPY | IPC_NOWAIT));
        Assert.Equal(2UL, Stat(q).msg_qnum);
        ErrnoAssert.Fails(ENOMSG, () => msgrcv(q, new MsgBuf(0, 8), 8, 2, MSG_COPY | IPC_NOWAIT));
        ErrnoAssert.Fails(EINVAL, () => msgrcv(q, new MsgBuf(0, 8), 8, 0, MSG_COPY));
        ErrnoAssert.Fails(EINVAL, () => msgrcv(q, new MsgBuf(0, 8), 8, 0, MSG_COPY | MSG_EXCEPT | IPC_NOWAIT));
        msgctl(q, IPC_RMID, null);
    });
}
