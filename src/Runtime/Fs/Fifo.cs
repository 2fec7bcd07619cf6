using System.Diagnostics;

namespace IpcSim;

/// <summary>
/// A FIFO made by mkfifo: a name in the simulated file system whose opens meet at one pipe buffer.
/// The buffer exists while any end is open; data left in it when the last end closes is lost, as on
/// Linux. Unlinking removes the name; ends already open keep working. Mirrors fifo_open() in fs/pipe.c.
/// </summary>
internal sealed class FifoNode : FsNode
{
    private readonly Kernel kernel;

    internal FifoNode(Kernel kernel, string path, ulong dev, ulong ino, int mode, uint uid, uint gid)
        : base(path, dev, ino, mode, uid, gid) => this.kernel = kernel;

    internal override long Size => 0;

    /// <summary>The buffer while any end is open (inode->i_pipe).</summary>
    internal Pipe? Pipe { get; set; }

    /// <summary>
    /// fifo(7)'s open: O_RDONLY waits for a writer and O_WRONLY for a reader (each wakes the other);
    /// O_RDONLY|O_NONBLOCK returns at once; O_WRONLY|O_NONBLOCK with no reader fails with ENXIO;
    /// O_RDWR never waits. Call with the Gate held; returns 0, -ENXIO, -EINVAL or -ERESTARTSYS.
    /// </summary>
    internal int Open(SimProcess p, int flags, out OpenFile? file)
    {
        Debug.Assert(Monitor.IsEntered(kernel.Gate), "Call with the Gate held");
        file = null;
        var nonBlocking = (flags & Libc.O_NONBLOCK) != 0;
        var accessMode = flags & Libc.O_ACCMODE;
        if (accessMode == Libc.O_ACCMODE) return -Libc.EINVAL;
        if (accessMode == Libc.O_WRONLY && nonBlocking && (Pipe is null || Pipe.Readers == 0)) return -Libc.ENXIO;

        var pipe = Pipe ??= new Pipe(kernel, "FIFO " + Path, this);
        pipe.Files++;
        var opened = false;
        try
        {
            var err = accessMode switch
            {
                Libc.O_RDONLY => OpenForReading(p, pipe, nonBlocking),
                Libc.O_WRONLY => OpenForWriting(p, pipe),
                _ => OpenForBoth(pipe),
            };
            if (err != 0) return err;
            opened = true;
            file = new PipeFile(pipe, flags);
            return 0;
        }
        finally
        {
            if (!opened) pipe.ReleaseFile();
        }
    }

    private int OpenForReading(SimProcess p, Pipe pipe, bool nonBlocking)
    {
        pipe.ReadCounter++;
        if (pipe.Readers++ == 0) pipe.WakePartners();
        if (pipe.Writers > 0 || nonBlocking) return 0;

        var err = -Libc.ERESTARTSYS;
        try
        {
            err = WaitForPartner(p, pipe, () => pipe.WriteCounter, "open FIFO for reading");
            return err;
        }
        finally
        {
            if (err != 0) pipe.ReleaseReader();
        }
    }

    private int OpenForWriting(SimProcess p, Pipe pipe)
    {
        pipe.WriteCounter++;
        if (pipe.Writers++ == 0) pipe.WakePartners();
        if (pipe.Readers > 0) return 0;

        var err = -Libc.ERESTARTSYS;
        try
        {
            err = WaitForPartner(p, pipe, () => pipe.ReadCounter, "open FIFO for writing");
            return err;
        }
        finally
        {
            if (err != 0) pipe.ReleaseWriter();
        }
    }

    private static int OpenForBoth(Pipe pipe)
    {
        pipe.ReadCounter++;
        pipe.WriteCounter++;
        pipe.Readers++;
        pipe.Writers++;
        if (pipe.Readers == 1 || pipe.Writers == 1) pipe.WakePartners();
        return 0;
    }

    // wait_for_partner(): sleep until the other side's open counter moves. A partner that opened
    // and closed again while we slept still counts, so a quick open/close never strands us.
    private int WaitForPartner(SimProcess p, Pipe pipe, Func<int> counter, string what)
    {
        var seen = counter();
        while (seen == counter())
        {
            if (kernel.Scheduler.Block(p, pipe.PartnerWait, what) == WakeReason.Interrupted) break;
        }

        return seen == counter() ? -Libc.ERESTARTSYS : 0;
    }
}
