namespace IpcSim;

/// <summary>
/// A process's simulated address space: its shm attachments, sorted by start (the mm_struct's
/// vma tree, for shared memory only). Changed with the kernel's Gate held and under
/// <see cref="Sync"/>; read by Mem under <see cref="Sync"/> alone, so memory accesses never take
/// the big kernel lock.
/// </summary>
internal sealed class AddressSpace
{
    private readonly List<Attachment> attachments = new();
    private Attachment? lastHit;

    /// <param name="mmapBase">Where top-down placement starts (mm->mmap_base); differs per process, as ASLR makes it.</param>
    internal AddressSpace(long mmapBase) => MmapBase = mmapBase;

    internal object Sync { get; } = new();

    internal long MmapBase { get; }

    internal int Count => attachments.Count;

    /// <summary>A snapshot, in address order.</summary>
    internal Attachment[] Attachments
    {
        get
        {
            lock (Sync) return attachments.ToArray();
        }
    }

    /// <summary>The mapping containing <paramref name="addr"/>, or null. Call with <see cref="Sync"/> held.</summary>
    internal Attachment? Find(long addr)
    {
        var hit = lastHit;
        if (hit is not null && hit.Contains(addr)) return hit;
        int lo = 0, hi = attachments.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var a = attachments[mid];
            if (addr < a.Start) hi = mid - 1;
            else if (addr >= a.End) lo = mid + 1;
            else return lastHit = a;
        }

        return null;
    }

    /// <summary>The mapping that starts exactly at <paramref name="addr"/> (what shmdt takes), or null.</summary>
    internal Attachment? FindStart(long addr)
    {
        lock (Sync)
        {
            var a = Find(addr);
            return a is not null && a.Start == addr ? a : null;
        }
    }

    /// <summary>Mirrors mm/mmap.c: find_vma_intersection(): whether [start, end) overlaps a mapping.</summary>
    internal bool Overlaps(long start, long end)
    {
        lock (Sync) return attachments.Exists(a => a.Start < end && start < a.End);
    }

    /// <summary>
    /// Mirrors mm/mmap.c: the top-down unmapped-area search: the highest free gap below
    /// <see cref="MmapBase"/> that holds <paramref name="length"/> bytes, or -1 (ENOMEM).
    /// </summary>
    internal long FindFree(long length)
    {
        lock (Sync)
        {
            var top = MmapBase;
            for (var i = attachments.Count - 1; i >= 0; i--)
            {
                var a = attachments[i];
                if (a.Start >= top) continue;
                if (a.End < top && top - a.End >= length) return top - length;
                top = a.Start;
            }

            if (top - IpcLimits.MmapMinAddr >= length) return top - length;
            return -1;
        }
    }

    internal void Add(Attachment a)
    {
        lock (Sync)
        {
            var i = attachments.FindIndex(x => x.Start > a.Start);
            attachments.Insert(i < 0 ? attachments.Count : i, a);
        }
    }

    internal void Remove(Attachment a)
    {
        lock (Sync)
        {
            attachments.Remove(a);
            if (lastHit == a) lastHit = null;
        }
    }
}
