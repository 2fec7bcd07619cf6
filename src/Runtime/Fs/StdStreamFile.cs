using System.Text;

namespace IpcSim;

/// <summary>
/// The standard streams every process starts with: fd 0 reads as end-of-file (the simulation has
/// no terminal), fds 1 and 2 write UTF-8 text to the kernel's Stdout and Stderr writers. One
/// description per stream per kernel, shared by every process, as a shell's terminal is.
/// </summary>
internal sealed class StdStreamFile : OpenFile
{
    private readonly TextWriter? writer;
    private readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();

    internal StdStreamFile(int flags, TextWriter? writer)
        : base(flags) => this.writer = writer;

    internal override long Read(SimProcess p, byte[] buf, int count) => 0;

    internal override long Write(SimProcess p, byte[] buf, int count)
    {
        if (writer is null) return count;
        // The decoder keeps a multi-byte character split across two writes until its end arrives.
        var chars = new char[decoder.GetCharCount(buf, 0, count)];
        var n = decoder.GetChars(buf, 0, count, chars, 0);
        writer.Write(chars, 0, n);
        writer.Flush();
        return count;
    }
}
