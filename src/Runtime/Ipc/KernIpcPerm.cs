namespace IpcSim;

/// <summary>
/// The part every System V IPC object shares. Mirrors include/linux/ipc.h: struct kern_ipc_perm.
/// Guarded by the kernel's Gate.
/// </summary>
internal abstract class KernIpcPerm
{
    /// <summary>The key it was created with; IPC_PRIVATE once removed while still in use (ipc_set_key_private).</summary>
    internal int Key { get; set; }

    /// <summary>Seq * IPCMNI + index: what shmget/semget/msgget return.</summary>
    internal int Id { get; set; }

    internal int Seq { get; set; }

    internal uint Uid { get; set; }

    internal uint Gid { get; set; }

    internal uint Cuid { get; set; }

    internal uint Cgid { get; set; }

    /// <summary>The low 9 permission bits plus kind-specific flags (SHM_DEST, SHM_LOCKED).</summary>
    internal int Mode { get; set; }

    /// <summary>Removed from its registry: sleepers that wake and see it return EIDRM.</summary>
    internal bool Deleted { get; set; }

    /// <summary>The creating process (the simulation's own addition, for the leak report).</summary>
    internal int CreatorPid { get; set; }

    internal int Index => Id % Libc.IPCMNI;

    /// <summary>Mirrors ipc/util.c: kernel_to_ipc64_perm().</summary>
    internal void CopyTo(IpcPerm perm)
    {
        perm.__key = Key;
        perm.uid = Uid;
        perm.gid = Gid;
        perm.cuid = Cuid;
        perm.cgid = Cgid;
        perm.mode = unchecked((ushort)Mode);
        perm.__seq = unchecked((ushort)Seq);
    }
}
