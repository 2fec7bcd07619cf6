using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Scenarios;

public class IpcMessagePipelineTests
{
    private const int Senders = 4;
    private const int PerSender = 500;

    [Fact]
    public void Several_senders_and_typed_receivers_through_a_small_queue_lose_and_reorder_nothing() => Sim.Run(() =>
    {
        var q = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
        var ds = new MsqidDs();
        msgctl(q, IPC_STAT, ds);
        ds.msg_qbytes = 64; // a few messages at most: senders block often
        msgctl(q, IPC_SET, ds);

        var senders = Enumerable.Range(1, Senders).Select(type => Children.Start(() =>
        {
            var m = new MsgBuf(type, sizeof(int));
            for (var seq = 0; seq < PerSender; seq++)
            {
                BitConverter.TryWriteBytes(m.mtext, seq);
                if (msgsnd(q, m, sizeof(int), 0) == -1) Assert.Fail("msgsnd: " + strerror(errno));
            }
        })).ToArray();

        // One receiver per type (a queue full of one type always has someone to drain it); each checks the order.
        var receivers = Enumerable.Range(1, Senders).Select(type => Children.Start(() =>
        {
            var m = new MsgBuf(0, sizeof(int));
            for (var seq = 0; seq < PerSender; seq++)
            {
                if (msgrcv(q, m, sizeof(int), type, 0) == -1) Assert.Fail("msgrcv: " + strerror(errno));
                Assert.Equal(type, m.mtype);
                Assert.Equal(seq, BitConverter.ToInt32(m.mtext));
            }
        })).ToArray();

        Children.WaitAllSucceeded(senders);
        Children.WaitAllSucceeded(receivers);
        msgctl(q, IPC_STAT, ds);
        Assert.Equal(0UL, ds.msg_qnum);
        Assert.Equal(0UL, ds.msg_cbytes);
        msgctl(q, IPC_RMID, null);
    });
}
