namespace IpcSim;

/// <summary>The shared-memory half of ipcget(). Mirrors ipc/shm.c: shm_ops (newseg, shm_more_checks).</summary>
internal sealed class ShmOps : IIpcOps<ShmSegment>
{
    private readonly Shm shm;

    internal ShmOps(Shm shm) => this.shm = shm;

    /// <summary>Mirrors ipc/shm.c: newseg(). EINVAL for a size outside SHMMIN..SHMMAX, ENOSPC past SHMALL or SHMMNI.</summary>
    public int GetNew(IpcIds<ShmSegment> ids, in IpcParams p, SimProcess caller)
    {
        var size = (ulong)p.Size; // size_t: a negative long is a huge size
        if (size < Libc.SHMMIN || size > (ulong)shm.Limits.ShmMax) return -Libc.EINVAL;
        var pages = IpcLimits.Pages(p.Size);
        if (shm.TotalPages + pages < shm.TotalPages || shm.TotalPages + pages > shm.Limits.ShmAll) return -Libc.ENOSPC;
        var seg = new ShmSegment(p.Key, p.Flags & IpcPerms.ModeMask, p.Size, caller.Pid, shm.Now);
        var id = ids.Add(seg, shm.Limits.ShmMni, caller);
        if (id < 0) return id;
        shm.TotalPages += pages;
        return id;
    }

    /// <summary>Mirrors ipc/shm.c: shm_more_checks(): an existing segment smaller than asked for is EINVAL.</summary>
    public int MoreChecks(ShmSegment existing, in IpcParams p) =>
        (ulong)existing.Size < (ulong)p.Size ? -Libc.EINVAL : 0;
}
