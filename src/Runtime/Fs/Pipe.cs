using System.Diagnostics;

namespace IpcSim;

/// <summary>
/// The buffer behind a pipe or a FIFO, with pipe(7)'s semantics: 65536 bytes of capacity, reads
/// that block while it is empty and a writer exists and return 0 (EOF) once every write end is
/// closed, writes that block while it is full, atomic writes of at most PIPE_BUF bytes, EPIPE and
/// SIGPIPE once every read end is closed. Mirrors struct pipe_inode_info and fs/pipe.c.
/// Every member is called with the kernel's Gate held.
/// </summary>
internal sealed class Pipe
{
    /// <summary>The default pipe capacity since Linux 2.6.11 (16 pages).</summary>
    internal const int Capacity = 65536;

    private const int InitialBuffer = 4096;

    private readonly Kernel kernel;
    private byte[] ring = [];
    private int start;

    internal Pipe(Kernel kernel, string description, FifoNode? fifo = null)
    {
        this.kernel = kernel;
        Fifo = fifo;
        ReadWait = new WaitQueue(description);
        WriteWait = new WaitQueue(description);
        PartnerWait = new WaitQueue(description);
    }

    /// <summary>Bytes buffered and not yet read.</summary>
    internal int Length { get; private set; }

    /// <summary>Open descriptions that can read (pipe->readers).</summary>
    internal int Readers { get; set; }

    /// <summary>Open descriptions that can write (pipe->writers).</summary>
    internal int Writers { get; set; }

    /// <summary>Open descriptions of any kind (pipe->files): a FIFO's buffer lives while this is non-zero.</summary>
    internal int Files { get; set; }

    /// <summary>How many times a FIFO was opened for reading (pipe->r_counter): lets a waiting writer see a reader that came and went.</summary>
    internal int ReadCounter { get; set; }

    /// <summary>How many times a FIFO was opened for writing (pipe->w_counter).</summary>
    internal int WriteCounter { get; set; }

    /// <summary>The FIFO this buffer belongs to; null for an anonymous pipe.</summary>
    internal FifoNode? Fifo { get; }

    /// <summary>Readers asleep on an empty pipe (pipe->rd_wait), woken one at a time.</summary>
    internal WaitQueue ReadWait { get; }

    /// <summary>Writers asleep on a full pipe (pipe->wr_wait); each waiter's Request is the free space it needs.</summary>
    internal WaitQueue WriteWait { get; }

    /// <summary>FIFO opens waiting for the other end (wait_for_partner).</summary>
    internal WaitQueue PartnerWait { get; }

    /// <summary>pipe_read(). Returns the bytes read (at most count), 0 at EOF, -EAGAIN, or -ERESTARTSYS when a signal interrupted the wait.</summary>
    internal long Read(SimProcess p, byte[] buf, int count, OpenFile file)
    {
        Debug.Assert(Monitor.IsEntered(kernel.Gate), "Call with the Gate held");
        if (count == 0) return 0;
        while (true)
        {
            if (Length > 0)
            {
                var n = Take(buf, count);
                WakeWriters();
                if (Length > 0) WakeNextReader();
                return n;
            }

            if (Writers == 0) return 0;
            if (file.NonBlocking) return -Libc.EAGAIN;
            if (Sleep(p, ReadWait, "read", request: null) == WakeReason.Interrupted) return -Libc.ERESTARTSYS;
        }
    }

    /// <summary>
    /// pipe_write(). A write of at most PIPE_BUF bytes waits until all of it fits and goes in at
    /// once; a larger one goes in as space allows and may be interleaved with other writers.
    /// Returns the bytes written, -EPIPE (after SIGPIPE) with no reader, -EAGAIN, or -ERESTARTSYS;
    /// a write cut short after some bytes went in returns that count instead.
    /// </summary>
    internal long Write(SimProcess p, byte[] buf, int count, OpenFile file)
    {
        Debug.Assert(Monitor.IsEntered(kernel.Gate), "Call with the Gate held");
        if (count == 0) return 0;
        var atomic = count <= Libc.PIPE_BUF;
        var written = 0;
        while (true)
        {
            if (Readers == 0)
            {
                kernel.SendSignal(p, Libc.SIGPIPE);
                return written > 0 ? written : -Libc.EPIPE;
            }

            var free = Capacity - Length;
            var remaining = count - written;
            if (atomic ? free >= remaining : free > 0)
            {
                var n = Math.Min(free, remaining);
                Put(buf, written, n);
                written += n;
                WakeNextReader();
                if (written == count)
                {
                    WakeWriters(); // what is left of the space may suit the next writer
                    return written;
                }

                continue;
            }

            if (file.NonBlocking) return written > 0 ? written : -Libc.EAGAIN;
            var need = atomic ? remaining : 1;
            if (Sleep(p, WriteWait, "write", need) == WakeReason.Interrupted) return written > 0 ? written : -Libc.ERESTARTSYS;
        }
    }

    /// <summary>A read end's description was released: with none left, writers get EPIPE.</summary>
    internal void ReleaseReader()
    {
        if (--Readers == 0) kernel.Scheduler.WakeAll(WriteWait);
    }

    /// <summary>A write end's description was released: with none left, readers get EOF.</summary>
    internal void ReleaseWriter()
    {
        if (--Writers == 0) kernel.Scheduler.WakeAll(ReadWait);
    }

    /// <summary>A description of this pipe went away; the last one frees a FIFO's buffer (free_pipe_info).</summary>
    internal void ReleaseFile()
    {
        if (--Files == 0 && Fifo is not null && Fifo.Pipe == this) Fifo.Pipe = null;
    }

    /// <summary>wake_up_partner(): a FIFO end was opened; opens waiting for it re-check their counter.</summary>
    internal void WakePartners() => kernel.Scheduler.WakeAll(PartnerWait);

    // Sleeps on a queue. A sleeper woken to take its turn that dies instead passes the turn on,
    // so the data or space it was woken for is not left with every other sleeper still asleep.
    private WakeReason Sleep(SimProcess p, WaitQueue queue, string what, object? request)
    {
        try
        {
            return kernel.Scheduler.Block(p, queue, what, Scheduler.NoDeadline, interruptible: true, request);
        }
        catch (ProcessExitException)
        {
            if (Length > 0) WakeNextReader();
            WakeWriters();
            throw;
        }
    }

    // Readers wait exclusively (wait_event_interruptible_exclusive): wake one; a reader that leaves
    // data behind wakes the next (wake_next_reader).
    private void WakeNextReader()
    {
        if (ReadWait.First is { } w) kernel.Scheduler.Wake(w, WakeReason.Woken);
    }

    // Wakes, in arrival order, the writers whose need fits in the free space, counting the space
    // each is expected to take: a writer is woken only when it can make progress.
    private void WakeWriters()
    {
        var budget = Capacity - Length;
        foreach (var w in WriteWait.Snapshot())
        {
            if (budget <= 0) break;
            var need = (int)w.Request!;
            if (need > budget) continue;
            budget -= need;
            kernel.Scheduler.Wake(w, WakeReason.Woken);
        }
    }

    private void Put(byte[] src, int offset, int n)
    {
        EnsureBuffer(Length + n);
        var tail = (start + Length) % ring.Length;
        var first = Math.Min(n, ring.Length - tail);
        Array.Copy(src, offset, ring, tail, first);
        Array.Copy(src, offset + first, ring, 0, n - first);
        Length += n;
    }

    private int Take(byte[] dst, int count)
    {
        var n = Math.Min(count, Length);
        var first = Math.Min(n, ring.Length - start);
        Array.Copy(ring, start, dst, 0, first);
        Array.Copy(ring, 0, dst, first, n - first);
        Length -= n;
        start = Length == 0 ? 0 : (start + n) % ring.Length;
        return n;
    }

    // The buffer grows on demand up to the capacity, so that idle pipes cost little.
    private void EnsureBuffer(int needed)
    {
        if (ring.Length >= needed) return;
        var size = Math.Min(Capacity, Math.Max(needed, Math.Max(InitialBuffer, ring.Length * 2)));
        var bigger = new byte[size];
        var first = Math.Min(Length, ring.Length - start);
        Array.Copy(ring, start, bigger, 0, first);
        Array.Copy(ring, 0, bigger, first, Length - first);
        ring = bigger;
        start = 0;
    }
}
