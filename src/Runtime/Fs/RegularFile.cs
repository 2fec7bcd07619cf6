using Microsoft.Win32.SafeHandles;

namespace IpcSim;

/// <summary>An open regular file held in memory (made by open with O_CREAT). Reads and writes never block.</summary>
internal sealed class MemoryFile : OpenFile
{
    private readonly MemoryFileNode node;
    private long offset; // f_pos

    internal MemoryFile(MemoryFileNode node, int flags)
        : base(flags) => this.node = node;

    internal override long Read(SimProcess p, byte[] buf, int count)
    {
        var n = node.ReadAt(offset, buf, count);
        offset += n;
        return n;
    }

    internal override long Write(SimProcess p, byte[] buf, int count)
    {
        if (Append) offset = node.Length;
        var n = node.WriteAt(offset, buf, count);
        if (n > 0) offset += n;
        return n;
    }
}

/// <summary>
/// A host file opened read-only: reads return its bytes from the host, at this description's
/// offset. The simulation never writes to host files (open for writing fails with EACCES).
/// </summary>
internal sealed class HostFile : OpenFile
{
    private readonly SafeFileHandle handle;
    private long offset;

    internal HostFile(SafeFileHandle handle, int flags)
        : base(flags) => this.handle = handle;

    internal override long Read(SimProcess p, byte[] buf, int count)
    {
        try
        {
            var n = RandomAccess.Read(handle, buf.AsSpan(0, count), offset);
            offset += n;
            return n;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return -Libc.EIO;
        }
    }

    internal override long Write(SimProcess p, byte[] buf, int count) => -Libc.EBADF;

    protected override void Release() => handle.Dispose();
}

/// <summary>A directory opened read-only (open(2) allows it); read(2) on it fails with EISDIR.</summary>
internal sealed class DirectoryFile : OpenFile
{
    internal DirectoryFile(int flags)
        : base(flags)
    {
    }

    internal override long Read(SimProcess p, byte[] buf, int count) => -Libc.EISDIR;

    internal override long Write(SimProcess p, byte[] buf, int count) => -Libc.EBADF;
}
