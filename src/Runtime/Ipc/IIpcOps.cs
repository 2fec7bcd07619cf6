namespace IpcSim;

/// <summary>The kind-specific half of ipcget(). Mirrors ipc/util.h: struct ipc_ops.</summary>
internal interface IIpcOps<T> where T : KernIpcPerm
{
    /// <summary>Creates the object and adds it to <paramref name="ids"/>; returns its id or -errno (newseg, newary, newque).</summary>
    int GetNew(IpcIds<T> ids, in IpcParams p, SimProcess caller);

    /// <summary>Checks an existing object against the request; 0 or -errno (shm_more_checks, sem_more_checks).</summary>
    int MoreChecks(T existing, in IpcParams p);
}
