using System.Buffers.Binary;
using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Scenarios;

/// <summary>
/// 16 sender processes exchange 100,000 messages, half through one pipe and half through one
/// message queue: nothing may be lost, duplicated or reordered per sender.
/// </summary>
public class StressExchangeTests
{
    private const int SendersPerChannel = 8;
    private const int MessagesPerSender = 6_250; // 16 x 6,250 = 100,000
    private const int RecordSize = 8;            // sender id, sequence number

    [Fact]
    public void Sixteen_processes_exchange_100000_messages_through_a_pipe_and_a_queue_with_nothing_lost_duplicated_or_reordered()
    {
        int[] pipeCounts = new int[SendersPerChannel], queueCounts = new int[SendersPerChannel];
        Sim.Run(() =>
        {
            var fds = new int[2];
            ErrnoAssert.Succeeds(() => pipe(fds));
            var msqid = (int)ErrnoAssert.Succeeds(() => msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR));

            var pipeReader = Children.Start(() =>
            {
                Assert.Equal(0, close(fds[1]));
                ReadPipeUntilEof(fds[0], pipeCounts);
            });
            var queueReader = Children.Start(() =>
            {
                ReadQueue(msqid, queueCounts, SendersPerChannel * MessagesPerSender);
            });

            var senders = new List<int>();
            for (var s = 0; s < SendersPerChannel; s++)
            {
                var sender = s;
                senders.Add(Children.Start(() =>
                {
                    Assert.Equal(0, close(fds[0]));
                    var record = new byte[RecordSize];
                    for (var seq = 0; seq < MessagesPerSender; seq++)
                    {
                        Encode(record, sender, seq);
                        Assert.Equal(RecordSize, write(fds[1], record, RecordSize));
                    }
                }));
                senders.Add(Children.Start(() =>
                {
                    var msg = new MsgBuf(sender + 1, RecordSize);
                    for (var seq = 0; seq < MessagesPerSender; seq++)
                    {
                        Encode(msg.mtext, sender, seq);
                        Assert.Equal(0, msgsnd(msqid, msg, RecordSize, 0));
                    }
                }));
            }

            Assert.Equal(0, close(fds[0]));
            Assert.Equal(0, close(fds[1])); // the pipe reader sees EOF once every sender has exited
            Children.WaitAllSucceeded([.. senders, pipeReader, queueReader]);
            Assert.Equal(0, msgctl(msqid, IPC_RMID, null));
        });

        Assert.All(pipeCounts, n => Assert.Equal(MessagesPerSender, n));
        Assert.All(queueCounts, n => Assert.Equal(MessagesPerSender, n));
    }

    private static void Encode(byte[] record, int sender, int seq)
    {
        BinaryPrimitives.WriteInt32LittleEndian(record, sender);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(4), seq);
    }

    /// <summary>Checks each record is the next one of its sender; counts them.</summary>
    private static void Accept(ReadOnlySpan<byte> record, int[] counts)
    {
        var sender = BinaryPrimitives.ReadInt32LittleEndian(record);
        var seq = BinaryPrimitives.ReadInt32LittleEndian(record[4..]);
        Assert.InRange(sender, 0, counts.Length - 1);
        Assert.Equal(counts[sender], seq); // neither lost nor duplicated nor reordered
        counts[sender]++;
    }

    private static void ReadPipeUntilEof(int fd, int[] counts)
    {
        var buf = new byte[4096];
        var pending = new List<byte>();
        while (true)
        {
            var n = read(fd, buf, buf.Length);
            Assert.True(n >= 0, "read failed: " + strerror(errno));
            if (n == 0) break;
            pending.AddRange(buf.AsSpan(0, (int)n));
            var whole = pending.Count / RecordSize * RecordSize;
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending);
            for (var i = 0; i < whole; i += RecordSize) Accept(span.Slice(i, RecordSize), counts);
            pending.RemoveRange(0, whole);
        }

        Assert.Empty(pending); // atomic writes of 8 bytes: no torn record at EOF
    }

    private static void ReadQueue(int msqid, int[] counts, int total)
    {
        var msg = new MsgBuf(0, RecordSize);
        for (var i = 0; i < total; i++)
        {
            Assert.Equal(RecordSize, msgrcv(msqid, msg, RecordSize, 0, 0));
            Accept(msg.mtext, counts);
            Assert.Equal(BinaryPrimitives.ReadInt32LittleEndian(msg.mtext) + 1, msg.mtype);
        }
    }
}
