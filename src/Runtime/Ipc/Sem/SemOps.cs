namespace IpcSim;

/// <summary>The semaphore half of ipcget(). Mirrors ipc/sem.c: sem_ops (newary, sem_more_checks).</summary>
internal sealed class SemOps : IIpcOps<SemSet>
{
    private readonly Sem sem;

    internal SemOps(Sem sem) => this.sem = sem;

    /// <summary>Mirrors ipc/sem.c: newary(). nsems 0 cannot create (EINVAL); ENOSPC past SEMMNS or SEMMNI.</summary>
    public int GetNew(IpcIds<SemSet> ids, in IpcParams p, SimProcess caller)
    {
        if (p.NSems == 0) return -Libc.EINVAL;
        if (sem.UsedSems + p.NSems > sem.Limits.SemMns) return -Libc.ENOSPC;
        var set = new SemSet(p.Key, p.Flags & IpcPerms.ModeMask, p.NSems, sem.Now);
        var id = ids.Add(set, sem.Limits.SemMni, caller);
        if (id < 0) return id;
        set.Pending.Description = "semaphore set " + id;
        sem.UsedSems += p.NSems;
        return id;
    }

    /// <summary>Mirrors ipc/sem.c: sem_more_checks(): asking for more semaphores than the set has is EINVAL.</summary>
    public int MoreChecks(SemSet existing, in IpcParams p) => p.NSems > existing.NSems ? -Libc.EINVAL : 0;
}
