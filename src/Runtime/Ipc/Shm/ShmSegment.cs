namespace IpcSim;

/// <summary>
/// A shared memory segment. Mirrors ipc/shm.c: struct shmid_kernel, with its shmem file's pages:
/// one 4096-byte array per page, allocated zero-filled on first touch (read or write, as a
/// shmem fault does) and counted as resident from then on. Bookkeeping fields are guarded by the
/// kernel's Gate; pages are handed out lock-free because Mem runs without the Gate.
/// </summary>
internal sealed class ShmSegment : KernIpcPerm
{
    // Segments up to 256 MiB keep a flat page table; bigger ones (up to SHMMAX) a sparse one.
    private const long FlatLimitPages = 1 << 16;

    private readonly byte[]?[]? flatPages;
    private readonly Dictionary<long, byte[]>? sparsePages;
    private long residentPages;

    internal ShmSegment(int key, int mode, long size, int creatorPid, long now)
    {
        Key = key;
        Mode = mode;
        Size = size;
        PageCount = IpcLimits.Pages(size);
        CPid = creatorPid;
        CTime = now;
        if (PageCount <= FlatLimitPages) flatPages = new byte[PageCount][];
        else sparsePages = new Dictionary<long, byte[]>();
    }

    /// <summary>shm_segsz.</summary>
    internal long Size { get; }

    /// <summary>The pages the segment spans (its mappings cover them all, tail included).</summary>
    internal long PageCount { get; }

    internal long ATime { get; set; }

    internal long DTime { get; set; }

    internal long CTime { get; set; }

    /// <summary>shm_cprid and shm_lprid.</summary>
    internal int CPid { get; }

    internal int LPid { get; set; }

    internal long NAttch { get; set; }

    /// <summary>Pages touched so far: what SHM_INFO's shm_rss and ipcs -m -u's "pages resident" add up.</summary>
    internal long ResidentPages => Interlocked.Read(ref residentPages);

    /// <summary>Mirrors mm/shmem.c: shmem_fault(): the page, allocated zero-filled on first touch.</summary>
    internal byte[] Page(long index)
    {
        if (flatPages is not null)
        {
            var page = Volatile.Read(ref flatPages[index]);
            if (page is not null) return page;
            var fresh = new byte[IpcLimits.PageSize];
            page = Interlocked.CompareExchange(ref flatPages[index], fresh, null) ?? fresh;
            if (page == fresh) Interlocked.Increment(ref residentPages);
            return page;
        }

        lock (sparsePages!)
        {
            if (!sparsePages.TryGetValue(index, out var page))
            {
                page = new byte[IpcLimits.PageSize];
                sparsePages.Add(index, page);
                residentPages++;
            }

            return page;
        }
    }
}
