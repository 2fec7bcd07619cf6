using System.Buffers.Binary;

namespace IpcSim.Tests.Scenarios;

/// <summary>Many writers, one reader, one pipe: nothing lost, duplicated or reordered per sender.</summary>
public class PipeStressTests
{
    private const int Writers = 8;
    private const int MessagesEach = 10_000;
    private const int MessageSize = 8; // sender (4), sequence (4)

    [Fact]
    public void Eight_writers_send_ten_thousand_messages_each_to_one_reader_with_nothing_lost_duplicated_or_reordered()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var children = new List<Child>();
            for (var w = 0; w < Writers; w++)
            {
                var sender = w;
                children.Add(TestFork.Start(() =>
                {
                    close(fds[0]);
                    var msg = new byte[MessageSize];
                    BinaryPrimitives.WriteInt32LittleEndian(msg, sender);
                    for (var seq = 0; seq < MessagesEach; seq++)
                    {
                        BinaryPrimitives.WriteInt32LittleEndian(msg.AsSpan(4), seq);
                        if (write(fds[1], msg, MessageSize) != MessageSize) Assert.Fail($"write failed: {strerror(errno)}");
                    }
                }));
            }

            close(fds[1]);
            // Every write is 8 bytes and atomic, so the pipe holds whole messages and a read of a
            // multiple of 8 bytes returns whole messages too.
            var next = new int[Writers];
            var buf = new byte[4096];
            long n;
            while ((n = read(fds[0], buf, buf.Length)) > 0)
            {
                Assert.Equal(0, n % MessageSize);
                for (var off = 0; off < n; off += MessageSize)
                {
                    var sender = BinaryPrimitives.ReadInt32LittleEndian(buf.AsSpan(off));
                    var seq = BinaryPrimitives.ReadInt32LittleEndian(buf.AsSpan(off + 4));
                    Assert.InRange(sender, 0, Writers - 1);
                    if (seq != next[sender]) Assert.Fail($"sender {sender}: got message {seq}, expected {next[sender]}");
                    next[sender]++;
                }
            }

            Assert.Equal(0, n);
            Assert.All(next, count => Assert.Equal(MessagesEach, count));
            foreach (var c in children) Assert.Equal(0, c.Wait());
        });
    }
}
