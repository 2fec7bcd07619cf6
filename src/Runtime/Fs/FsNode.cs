using System.Diagnostics;

namespace IpcSim;

/// <summary>
/// A file that exists only in the simulation (a FIFO from mkfifo, a file made by open with O_CREAT).
/// Mirrors struct inode, with only the fields the simulation uses. Guarded by the kernel's Gate.
/// </summary>
internal abstract class FsNode
{
    protected FsNode(string path, ulong dev, ulong ino, int mode, uint uid, uint gid)
    {
        Path = path;
        Dev = dev;
        Ino = ino;
        Mode = mode;
        Uid = uid;
        Gid = gid;
    }

    internal string Path { get; }

    internal ulong Dev { get; }

    internal ulong Ino { get; }

    /// <summary>The file type (S_IFIFO, S_IFREG) and permission bits.</summary>
    internal int Mode { get; }

    internal uint Uid { get; }

    internal uint Gid { get; }

    internal abstract long Size { get; }

    internal FileStat Stat() => new(Dev, Ino, Mode, Uid, Gid, Size);

    /// <summary>
    /// generic_permission(): may <paramref name="p"/> open this for reading and/or writing? Root
    /// bypasses the check, as CAP_DAC_OVERRIDE does.
    /// </summary>
    internal bool MayOpen(SimProcess p, bool read, bool write)
    {
        if (p.Euid == 0) return true;
        var shift = p.Euid == Uid ? 6 : p.Egid == Gid ? 3 : 0;
        var granted = (Mode >> shift) & 7;
        return (!read || (granted & 4) != 0) && (!write || (granted & 2) != 0);
    }
}

/// <summary>A regular file held in memory: made by open with O_CREAT, gone when unlinked and closed.</summary>
internal sealed class MemoryFileNode : FsNode
{
    private byte[] data = [];

    internal MemoryFileNode(string path, ulong dev, ulong ino, int mode, uint uid, uint gid)
        : base(path, dev, ino, mode, uid, gid)
    {
    }

    internal override long Size => Length;

    internal int Length { get; private set; }

    internal void Truncate() => Length = 0;

    /// <summary>Call with the Gate held. Copies up to count bytes from offset; returns how many.</summary>
    internal int ReadAt(long offset, byte[] buf, int count)
    {
        if (offset >= Length) return 0;
        var n = (int)Math.Min(count, Length - offset);
        Array.Copy(data, offset, buf, 0, n);
        return n;
    }

    /// <summary>Call with the Gate held. Writes count bytes at offset, growing the file; -EFBIG past 2 GiB.</summary>
    internal long WriteAt(long offset, byte[] buf, int count)
    {
        Debug.Assert(offset <= Length, "there is no lseek: offsets never pass the end");
        var end = offset + count;
        if (end > Array.MaxLength) return -Libc.EFBIG;
        if (end > data.Length) Array.Resize(ref data, (int)Math.Min(Array.MaxLength, Math.Max(end, Math.Max(4096, 2L * data.Length))));
        Array.Copy(buf, 0, data, offset, count);
        Length = (int)Math.Max(Length, end);
        return count;
    }
}
