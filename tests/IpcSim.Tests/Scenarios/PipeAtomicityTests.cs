using System.Buffers.Binary;

namespace IpcSim.Tests.Scenarios;

/// <summary>pipe(7): writes of at most PIPE_BUF bytes are never interleaved with other writers' data.</summary>
public class PipeAtomicityTests
{
    private const int Writers = 4;
    private const int MessagesEach = 200;
    private const int HeaderSize = 7; // writer id (1), sequence (4), length (2)

    [Fact]
    public void Messages_of_at_most_PIPE_BUF_bytes_from_several_writers_arrive_whole()
    {
        TestFork.Run(() =>
        {
            var fds = new int[2];
            pipe(fds);
            var children = new List<Child>();
            for (var w = 0; w < Writers; w++)
            {
                var id = (byte)(w + 1);
                children.Add(TestFork.Start(() =>
                {
                    close(fds[0]);
                    for (var seq = 0; seq < MessagesEach; seq++)
                    {
                        var msg = Message(id, seq, SizeOf(id, seq));
                        Assert.Equal(msg.Length, write(fds[1], msg, msg.Length));
                    }
                }));
            }

            close(fds[1]);
            var stream = ReadAll(fds[0], chunk: 1000); // reads that cut across messages
            var next = new int[Writers + 1];
            var offset = 0;
            while (offset < stream.Count)
            {
                var id = stream[offset];
                Assert.InRange(id, 1, Writers);
                var seq = BinaryPrimitives.ReadInt32LittleEndian(stream.Slice(offset + 1, 4));
                var length = BinaryPrimitives.ReadUInt16LittleEndian(stream.Slice(offset + 5, 2));
                Assert.Equal(next[id]++, seq);
                Assert.Equal(SizeOf(id, seq), length);
                for (var i = HeaderSize; i < length; i++)
                    Assert.True(stream[offset + i] == id, $"message {seq} of writer {id} has a foreign byte at {i}: interleaved");
                offset += length;
            }

            for (var w = 1; w <= Writers; w++) Assert.Equal(MessagesEach, next[w]);
            foreach (var c in children) Assert.Equal(0, c.Wait());
        });
    }

    // Sizes up to PIPE_BUF itself, so the buffer often has less room than a message needs.
    private static int SizeOf(int id, int seq) => seq % 7 == 0 ? PIPE_BUF : HeaderSize + ((id * 997 + seq * 131) % (PIPE_BUF - HeaderSize));

    private static byte[] Message(byte id, int seq, int size)
    {
        var msg = new byte[size];
        Array.Fill(msg, id);
        BinaryPrimitives.WriteInt32LittleEndian(msg.AsSpan(1), seq);
        BinaryPrimitives.WriteUInt16LittleEndian(msg.AsSpan(5), (ushort)size);
        return msg;
    }

    internal static ArraySegment<byte> ReadAll(int fd, int chunk)
    {
        var all = new List<byte>();
        var buf = new byte[chunk];
        long n;
        while ((n = read(fd, buf, buf.Length)) > 0) all.AddRange(buf.AsSpan(0, (int)n));
        Assert.Equal(0, n);
        return new ArraySegment<byte>(all.ToArray());
    }
}
