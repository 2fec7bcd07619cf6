namespace IpcSim;

/// <summary>
/// An open end of a pipe or FIFO: a read end, a write end, or (a FIFO opened O_RDWR) both.
/// Mirrors the struct file that pipefifo_fops work on.
/// </summary>
internal sealed class PipeFile : OpenFile
{
    /// <summary>Call with the Gate held, after counting this end in the pipe's Readers/Writers/Files.</summary>
    internal PipeFile(Pipe pipe, int flags)
        : base(flags) => Pipe = pipe;

    internal Pipe Pipe { get; }

    internal override long Read(SimProcess p, byte[] buf, int count) => Pipe.Read(p, buf, count, this);

    internal override long Write(SimProcess p, byte[] buf, int count) => Pipe.Write(p, buf, count, this);

    /// <summary>pipe_release().</summary>
    protected override void Release()
    {
        if (CanRead) Pipe.ReleaseReader();
        if (CanWrite) Pipe.ReleaseWriter();
        Pipe.ReleaseFile();
    }
}
