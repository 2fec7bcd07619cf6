using System.Diagnostics;

namespace IpcSim;

/// <summary>
/// An open file description: what open(2) and pipe(2) create and what descriptors point to.
/// Shared by dup and fork (the descriptors count their references); the status flags
/// (O_NONBLOCK, O_APPEND) belong to it, so every duplicate sees a change F_SETFL makes.
/// Mirrors struct file. Every member is called with the kernel's Gate held.
/// </summary>
internal abstract class OpenFile
{
    /// <summary>The status flags F_SETFL may change (Linux's SETFL_MASK, less what the simulation lacks).</summary>
    internal const int SettableFlags = Libc.O_APPEND | Libc.O_NONBLOCK;

    protected OpenFile(int flags) => Flags = flags & (Libc.O_ACCMODE | SettableFlags);

    /// <summary>f_flags: the access mode and the status flags, as F_GETFL reports them.</summary>
    internal int Flags { get; private set; }

    /// <summary>f_count: descriptors (in every process) and calls in progress that hold this description.</summary>
    internal int RefCount { get; private set; }

    internal bool CanRead => (Flags & Libc.O_ACCMODE) is Libc.O_RDONLY or Libc.O_RDWR;

    internal bool CanWrite => (Flags & Libc.O_ACCMODE) is Libc.O_WRONLY or Libc.O_RDWR;

    internal bool NonBlocking => (Flags & Libc.O_NONBLOCK) != 0;

    internal bool Append => (Flags & Libc.O_APPEND) != 0;

    /// <summary>F_SETFL: only O_APPEND and O_NONBLOCK change; the access mode and the rest are ignored.</summary>
    internal void SetStatusFlags(int flags) => Flags = (Flags & ~SettableFlags) | (flags & SettableFlags);

    /// <summary>get_file().</summary>
    internal void Get() => RefCount++;

    /// <summary>fput(): the last reference gone releases the file (a pipe end closes, a host handle is freed).</summary>
    internal void Put()
    {
        Debug.Assert(RefCount > 0, "put of a released description");
        if (--RefCount == 0) Release();
    }

    /// <summary>read(2) on this description, already checked for FMODE_READ. May block. Returns bytes or -errno.</summary>
    internal abstract long Read(SimProcess p, byte[] buf, int count);

    /// <summary>write(2) on this description, already checked for FMODE_WRITE. May block. Returns bytes or -errno.</summary>
    internal abstract long Write(SimProcess p, byte[] buf, int count);

    /// <summary>The last reference is gone.</summary>
    protected virtual void Release()
    {
    }
}
