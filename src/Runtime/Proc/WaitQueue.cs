namespace IpcSim;

/// <summary>
/// A FIFO of blocked threads. Mirrors the kernel's wait_queue_head_t and pending lists.
/// Every member is called with the kernel's Gate held.
/// </summary>
internal sealed class WaitQueue
{
    private readonly LinkedList<Waiter> waiters = new();

    internal WaitQueue(string description) => Description = description;

    /// <summary>What the queue belongs to ("semaphore set 32768"), for deadlock reports.</summary>
    internal string Description { get; set; }

    internal int Count => waiters.Count;

    internal void Enqueue(Waiter w)
    {
        w.Queue = this;
        w.Node = waiters.AddLast(w);
    }

    internal void Remove(Waiter w)
    {
        if (w.Queue != this || w.Node is null) return;
        waiters.Remove(w.Node);
        w.Node = null;
        w.Queue = null;
    }

    /// <summary>The waiters in arrival order; safe to wake them while iterating.</summary>
    internal Waiter[] Snapshot()
    {
        var result = new Waiter[waiters.Count];
        waiters.CopyTo(result, 0);
        return result;
    }

    internal Waiter? First => waiters.First?.Value;

    /// <summary>
    /// The waiter queued after <paramref name="w"/>, or null at the end. Read it before waking
    /// <paramref name="w"/> (waking dequeues it), so a scan need not copy the queue.
    /// </summary>
    internal Waiter? Next(Waiter w) => w.Queue == this ? w.Node?.Next?.Value : null;
}
