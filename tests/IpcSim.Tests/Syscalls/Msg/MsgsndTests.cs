using IpcSim.Tests.Ipc;
using static IpcSim.Tests.Syscalls.Msg.MsgTestData;

namespace IpcSim.Tests.Syscalls.Msg;

public class MsgsndTests
{
    [Fact]
    public void Msgsnd_queues_the_first_msgsz_bytes_and_maintains_qnum_cbytes_lspid_and_stime() => Sim.Run(() =>
    {
        var q = NewQueue();
        var m = Text(5, "hello world");
        ErrnoAssert.Succeeds(() => msgsnd(q, m, 5, 0));
        ErrnoAssert.Succeeds(() => msgsnd(q, m, 0, 0)); // an empty message is fine
        var ds = Stat(q);
        Assert.Equal(2UL, ds.msg_qnum);
        Assert.Equal(5UL, ds.msg_cbytes);
        Assert.Equal(getpid(), ds.msg_lspid);
        Assert.True(ds.msg_stime > 0);
        Assert.Equal((5L, "hello"), Receive(q, 0));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgsnd_copies_the_message_so_the_buffer_can_be_reused() => Sim.Run(() =>
    {
        var q = NewQueue();
        var m = Text(1, "abc");
        msgsnd(q, m, 3, 0);
        m.mtext[0] = (byte)'X';
        Assert.Equal((1L, "abc"), Receive(q, 0));
        msgctl(q, IPC_RMID, null);
    });

    // msgop(2) ERRORS for msgsnd, case by case.
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void Msgsnd_with_mtype_below_1_fails_with_EINVAL(long mtype) => Sim.Run(() =>
    {
        var q = NewQueue();
        ErrnoAssert.Fails(EINVAL, () => msgsnd(q, new MsgBuf(mtype, 4), 4, 0));
        msgctl(q, IPC_RMID, null);
    });

    [Theory]
    [InlineData(-1)]
    [InlineData(MSGMAX + 1)]
    [InlineData(long.MaxValue)]
    public void Msgsnd_with_msgsz_negative_or_above_MSGMAX_fails_with_EINVAL(long msgsz) => Sim.Run(() =>
    {
        var q = NewQueue();
        ErrnoAssert.Fails(EINVAL, () => msgsnd(q, new MsgBuf(1, MSGMAX + 10), msgsz, 0));
        ErrnoAssert.Succeeds(() => msgsnd(q, new MsgBuf(1, MSGMAX), MSGMAX, 0));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgsnd_with_msgsz_beyond_mtext_or_no_buffer_fails_with_EFAULT() => Sim.Run(() =>
    {
        var q = NewQueue();
        ErrnoAssert.Fails(EFAULT, () => msgsnd(q, new MsgBuf(1, 4), 5, 0));
        ErrnoAssert.Fails(EFAULT, () => msgsnd(q, null!, 1, 0));
        ErrnoAssert.Fails(EFAULT, () => msgsnd(q, new MsgBuf { mtype = 1, mtext = null! }, 1, 0));
        Assert.Equal(0UL, Stat(q).msg_qnum);
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgsnd_to_an_invalid_or_removed_queue_fails_with_EINVAL() => Sim.Run(() =>
    {
        var q = NewQueue();
        msgctl(q, IPC_RMID, null);
        ErrnoAssert.Fails(EINVAL, () => msgsnd(q, new MsgBuf(1, 1), 1, 0));
        ErrnoAssert.Fails(EINVAL, () => msgsnd(-1, new MsgBuf(1, 1), 1, 0));
    });

    [Fact]
    public void Msgsnd_without_write_permission_fails_with_EACCES() => Sim.Run(() =>
    {
        var q = msgget(IPC_PRIVATE, IPC_CREAT | Mode600 | S_IROTH);
        Users.RunAs(Users.Alice, Users.Staff, () => ErrnoAssert.Fails(EACCES, () => msgsnd(q, new MsgBuf(1, 1), 1, 0)));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgsnd_to_a_full_queue_with_IPC_NOWAIT_fails_with_EAGAIN() => Sim.Run(() =>
    {
        var q = NewQueue();
        var big = new MsgBuf(1, MSGMAX);
        for (var i = 0; i < MSGMNB / MSGMAX; i++) ErrnoAssert.Succeeds(() => msgsnd(q, big, MSGMAX, IPC_NOWAIT));
        ErrnoAssert.Fails(EAGAIN, () => msgsnd(q, big, 1, IPC_NOWAIT));
        Assert.Equal((ulong)MSGMNB, Stat(q).msg_cbytes);
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgsnd_counts_messages_against_msg_qbytes_too() => Sim.Run(() =>
    {
        var q = NewQueue();
        var ds = Stat(q);
        ds.msg_qbytes = 3;
        msgctl(q, IPC_SET, ds);
        var empty = new MsgBuf(1, 0);
        for (var i = 0; i < 3; i++) ErrnoAssert.Succeeds(() => msgsnd(q, empty, 0, IPC_NOWAIT));
        ErrnoAssert.Fails(EAGAIN, () => msgsnd(q, empty, 0, IPC_NOWAIT)); // zero bytes, but a fourth message
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgsnd_blocks_on_a_full_queue_until_a_receive_makes_room() => Sim.Run(() =>
    {
        var q = NewQueue();
        var big = new MsgBuf(1, MSGMAX);
        msgsnd(q, big, MSGMAX, 0);
        msgsnd(q, big, MSGMAX, 0);
        var sender = Children.Start(() => ErrnoAssert.Succeeds(() => msgsnd(q, new MsgBuf(2, 10), 10, 0)));
        Children.LetOthersRun();
        Assert.Equal(2UL, Stat(q).msg_qnum); // still blocked
        Receive(q, 1, capacity: MSGMAX);
        Children.WaitAllSucceeded(sender);
        var ds = Stat(q);
        Assert.Equal(2UL, ds.msg_qnum);
        Assert.Equal(sender, ds.msg_lspid);
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgsnd_blocked_when_the_queue_is_removed_fails_with_EIDRM() => Sim.Run(() =>
    {
        var q = NewQueue();
        var big = new MsgBuf(1, MSGMAX);
        msgsnd(q, big, MSGMAX, 0);
        msgsnd(q, big, MSGMAX, 0);
        var sender = Children.Start(() => ErrnoAssert.Fails(EIDRM, () => msgsnd(q, big, 1, 0)));
        Children.LetOthersRun();
        msgctl(q, IPC_RMID, null);
        Children.WaitAllSucceeded(sender);
    });

    [Fact]
    public void Msgsnd_blocked_when_a_signal_arrives_fails_with_EINTR() => Sim.Run(() =>
    {
        var q = NewQueue();
        var big = new MsgBuf(1, MSGMAX);
        msgsnd(q, big, MSGMAX, 0);
        msgsnd(q, big, MSGMAX, 0);
        var sender = Children.Start(() =>
        {
            ErrnoAssert.Fails(EINTR, () => msgsnd(q, big, 1, 0));
        });
        Children.LetOthersRun();
        Signals.Interrupt(sender);
        Children.WaitAllSucceeded(sender);
        Assert.Equal(2UL, Stat(q).msg_qnum);
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void Msgsnd_hands_the_message_to_a_waiting_receiver_directly() => Sim.Run(() =>
    {
        var q = NewQueue();
        var receiver = Children.Start(() => Assert.Equal((7L, "direct"), Receive(q, 7)));
        Children.LetOthersRun();
        Send(q, 7, "direct");
        var ds = Stat(q);
        Assert.Equal(0UL, ds.msg_qnum); // never queued
        Assert.Equal(0UL, ds.msg_cbytes);
        Assert.Equal(receiver, ds.msg_lrpid);
        Assert.Equal(getpid(), ds.msg_lspid);
        Children.WaitAllSucceeded(receiver);
        msgctl(q, IPC_RMID, null);
    });
}
