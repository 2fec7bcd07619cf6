namespace IpcSim;

/// <summary>struct ipc_perm (sys/ipc.h): the ownership and mode of an IPC object.</summary>
public sealed class IpcPerm
{
    public int __key;
    public uint uid, gid, cuid, cgid;
    public ushort mode;
    public ushort __seq;
}
