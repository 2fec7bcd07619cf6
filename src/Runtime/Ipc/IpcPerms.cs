namespace IpcSim;

/// <summary>The permission rules shared by the three kinds. Mirrors ipc/util.c.</summary>
internal static class IpcPerms
{
    /// <summary>S_IRUGO and S_IWUGO: the access modes the calls ask for.</summary>
    internal const int Read = 0b100_100_100;
    internal const int Write = 0b010_010_010;
    internal const int ReadWrite = Read | Write;

    /// <summary>The permission bits of a mode (S_IRWXUGO).</summary>
    internal const int ModeMask = 0b111_111_111;

    /// <summary>Root stands for every capability (CAP_IPC_OWNER, CAP_SYS_ADMIN, CAP_SYS_RESOURCE, CAP_IPC_LOCK).</summary>
    internal static bool IsPrivileged(SimProcess p) => p.Euid == 0;

    /// <summary>
    /// Mirrors ipc/util.c: ipcperms(). 0 when every bit requested in <paramref name="flag"/> is
    /// granted to the caller's class (owner or creator, then group, then other), else -EACCES.
    /// </summary>
    internal static int Check(KernIpcPerm obj, int flag, SimProcess p)
    {
        var requested = (flag >> 6) | (flag >> 3) | flag;
        var granted = obj.Mode;
        if (p.Euid == obj.Cuid || p.Euid == obj.Uid) granted >>= 6;
        else if (InGroup(p, obj.Cgid) || InGroup(p, obj.Gid)) granted >>= 3;
        if ((requested & ~granted & 0b111) != 0 && !IsPrivileged(p)) return -Libc.EACCES;
        return 0;
    }

    /// <summary>
    /// Mirrors ipc/util.c: ipcctl_obtain_check()'s ownership test for IPC_SET and IPC_RMID:
    /// the creator, the owner or a privileged process.
    /// </summary>
    internal static bool CanControl(KernIpcPerm obj, SimProcess p) =>
        p.Euid == obj.Cuid || p.Euid == obj.Uid || IsPrivileged(p);

    /// <summary>Mirrors ipc/util.c: ipc_update_perm(). IPC_SET's uid, gid and low 9 mode bits; -EINVAL for an invalid id.</summary>
    internal static int Update(KernIpcPerm obj, IpcPerm from)
    {
        if (from.uid == uint.MaxValue || from.gid == uint.MaxValue) return -Libc.EINVAL;
        obj.Uid = from.uid;
        obj.Gid = from.gid;
        obj.Mode = (obj.Mode & ~ModeMask) | (from.mode & ModeMask);
        return 0;
    }

    /// <summary>in_group_p(): the effective group (the simulation has no supplementary groups).</summary>
    private static bool InGroup(SimProcess p, uint gid) => p.Egid == gid;
}
