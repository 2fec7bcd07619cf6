namespace IpcSim;

/// <summary>What stat(2) reports about a path. Mirrors struct kstat, with only the fields the simulation uses.</summary>
internal readonly record struct FileStat(ulong Dev, ulong Ino, int Mode, uint Uid, uint Gid, long Size)
{
    internal bool IsDirectory => (Mode & Libc.S_IFMT) == Libc.S_IFDIR;

    internal bool IsRegular => (Mode & Libc.S_IFMT) == Libc.S_IFREG;

    internal bool IsFifo => (Mode & Libc.S_IFMT) == Libc.S_IFIFO;
}
