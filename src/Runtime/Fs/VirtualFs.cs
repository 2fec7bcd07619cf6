using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace IpcSim;

/// <summary>
/// The simulated file system: the host's existing files and directories, seen read-only, plus the
/// files that exist only in the simulation (FIFOs made by mkfifo, regular files made by open with
/// O_CREAT), which shadow nothing and are never written to the host. Paths are made absolute
/// against the host's current directory. Every member is called with the kernel's Gate held.
/// <list type="bullet">
/// <item>mkfifo and O_CREAT apply a umask of 022, as a default shell does.</item>
/// <item>unlink removes simulated files only: a host file gives EACCES (as if its directory were
/// not writable to the simulation) and a host directory EISDIR (as Linux's unlink does).</item>
/// <item>Host files open read-only (O_WRONLY, O_RDWR, O_TRUNC give EACCES); a host directory
/// opens O_RDONLY (reading it gives EISDIR). Host permission checks are the host's own.</item>
/// <item>Simulated files live in existing host directories, and their permission bits are checked
/// against the simulated credentials (root bypasses them).</item>
/// </list>
/// </summary>
internal sealed class VirtualFs
{
    /// <summary>The file-mode creation mask, fixed at 022 (a default shell's).</summary>
    internal const int Umask = 0x12;

    /// <summary>PATH_MAX, counting the terminating NUL.</summary>
    internal const int PathMax = 4096;

    /// <summary>NAME_MAX: the longest path component.</summary>
    internal const int NameMax = 255;

    // Simulated files get inode numbers far from the host's usual ones, from a counter per kernel.
    private const ulong FirstSimulatedInode = 0x5100_0000;

    private readonly Kernel kernel;
    private readonly Dictionary<string, FsNode> nodes;
    private ulong nextInode = FirstSimulatedInode;

    internal VirtualFs(Kernel kernel)
    {
        this.kernel = kernel;
        nodes = new Dictionary<string, FsNode>(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        Stdin = new StdStreamFile(Libc.O_RDONLY, writer: null);
        Stdout = new StdStreamFile(Libc.O_WRONLY, kernel.Stdout);
        Stderr = new StdStreamFile(Libc.O_WRONLY, kernel.Stderr);
    }

    internal OpenFile Stdin { get; }

    internal OpenFile Stdout { get; }

    internal OpenFile Stderr { get; }

    /// <summary>A new process's table: fds 0, 1 and 2 on the kernel's standard streams.</summary>
    internal FileTable NewTableWithStandardStreams()
    {
        var table = new FileTable();
        table.Install(Stdin, cloexec: false);
        table.Install(Stdout, cloexec: false);
        table.Install(Stderr, cloexec: false);
        return table;
    }

    /// <summary>A fresh inode number for a pipe or a simulated file.</summary>
    internal ulong NewInode() => nextInode++;

    /// <summary>stat(2). Returns 0 or -EFAULT, -ENOENT, -ENOTDIR, -ENAMETOOLONG, -EACCES.</summary>
    internal int Stat(string? pathname, out FileStat st)
    {
        st = default;
        var err = Normalise(pathname, out var path);
        if (err != 0) return err;
        if (nodes.TryGetValue(path, out var node))
        {
            st = node.Stat();
            return 0;
        }

        err = CheckParent(path, out _);
        return err != 0 ? err : HostFiles.Stat(path, out st);
    }

    /// <summary>mkfifo(3). Returns 0 or -EFAULT, -ENOENT, -ENOTDIR, -EEXIST, -ENAMETOOLONG.</summary>
    internal int Mkfifo(SimProcess p, string? pathname, int mode)
    {
        Debug.Assert(Monitor.IsEntered(kernel.Gate), "Call with the Gate held");
        var err = Normalise(pathname, out var path);
        if (err != 0) return err;
        err = CheckParent(path, out var parent);
        if (err != 0) return err;
        if (Exists(path)) return -Libc.EEXIST;
        var perm = mode & 0xFFF & ~Umask;
        nodes.Add(path, new FifoNode(kernel, path, parent.Dev, NewInode(), Libc.S_IFIFO | perm, p.Euid, p.Egid));
        return 0;
    }

    /// <summary>unlink(2). Returns 0 or -EFAULT, -ENOENT, -ENOTDIR, -EACCES (host file), -EISDIR (host directory).</summary>
    internal int Unlink(string? pathname)
    {
        var err = Normalise(pathname, out var path);
        if (err != 0) return err;
        if (nodes.Remove(path)) return 0;
        err = CheckParent(path, out _);
        if (err != 0) return err;
        err = HostFiles.Stat(path, out var st);
        if (err != 0) return err;
        return st.IsDirectory ? -Libc.EISDIR : -Libc.EACCES;
    }

    /// <summary>
    /// open(2): a new description, not yet installed. Opening a FIFO may block (fifo(7)).
    /// Returns 0 or -errno, and -ERESTARTSYS when a signal interrupted a FIFO open.
    /// </summary>
    internal int Open(SimProcess p, string? pathname, int flags, int mode, out OpenFile? file)
    {
        Debug.Assert(Monitor.IsEntered(kernel.Gate), "Call with the Gate held");
        file = null;
        var err = Normalise(pathname, out var path);
        if (err != 0) return err;
        var accessMode = flags & Libc.O_ACCMODE;
        if (accessMode == Libc.O_ACCMODE) return -Libc.EINVAL;
        var creating = (flags & Libc.O_CREAT) != 0;
        var exclusive = creating && (flags & Libc.O_EXCL) != 0;
        var read = accessMode != Libc.O_WRONLY;
        var write = accessMode != Libc.O_RDONLY;

        if (nodes.TryGetValue(path, out var node))
        {
            if (exclusive) return -Libc.EEXIST;
            if (!node.MayOpen(p, read, write)) return -Libc.EACCES;
            switch (node)
            {
                case FifoNode fifo:
                    return fifo.Open(p, flags, out file);
                case MemoryFileNode memory:
                    if (write && (flags & Libc.O_TRUNC) != 0) memory.Truncate();
                    file = new MemoryFile(memory, flags);
                    return 0;
            }
        }

        err = CheckParent(path, out var parent);
        if (err != 0) return err;
        err = HostFiles.Stat(path, out var st);
        if (err == -Libc.ENOENT && creating)
        {
            var created = new MemoryFileNode(path, parent.Dev, NewInode(), Libc.S_IFREG | (mode & 0xFFF & ~Umask), p.Euid, p.Egid);
            nodes.Add(path, created);
            file = new MemoryFile(created, flags);
            return 0;
        }

        if (err != 0) return err;
        if (exclusive) return -Libc.EEXIST;
        if (st.IsDirectory) return write ? -Libc.EISDIR : OpenDirectory(flags, out file);
        if (write || (flags & Libc.O_TRUNC) != 0) return -Libc.EACCES;
        if (!st.IsRegular) return -Libc.EACCES; // host devices, sockets and FIFOs are not simulated
        return OpenHostFile(path, flags, out file);
    }

    private static int OpenDirectory(int flags, out OpenFile? file)
    {
        file = new DirectoryFile(flags);
        return 0;
    }

    private static int OpenHostFile(string path, int flags, out OpenFile? file)
    {
        file = null;
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return -Libc.ENOENT;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or NotSupportedException or ArgumentException)
        {
            return -Libc.EACCES;
        }

        file = new HostFile(handle, flags);
        return 0;
    }

    private bool Exists(string path) => nodes.ContainsKey(path) || HostFiles.Stat(path, out _) != -Libc.ENOENT;

    // path_lookupat() of the parent: it must be an existing directory.
    private int CheckParent(string path, out FileStat parent)
    {
        parent = default;
        var dir = Path.GetDirectoryName(path);
        if (dir is null) return HostFiles.Stat(path, out parent); // the root is its own parent
        if (nodes.ContainsKey(dir)) return -Libc.ENOTDIR;
        var err = HostFiles.Stat(dir, out parent);
        if (err == -Libc.ENOENT)
        {
            // A missing directory higher up is ENOENT; a file in the way is ENOTDIR.
            var up = CheckParent(dir, out _);
            return up != 0 ? up : -Libc.ENOENT;
        }

        if (err != 0) return err;
        return parent.IsDirectory ? 0 : -Libc.ENOTDIR;
    }

    // getname() and the first steps of the walk: C strings end at the first NUL, an empty path is
    // ENOENT, long paths and components are ENAMETOOLONG; then the path is made absolute.
    private static int Normalise(string? pathname, out string path)
    {
        path = "";
        if (pathname is null) return -Libc.EFAULT;
        var nul = pathname.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0) pathname = pathname[..nul];
        if (pathname.Length == 0) return -Libc.ENOENT;
        if (pathname.Length >= PathMax) return -Libc.ENAMETOOLONG;
        foreach (var part in pathname.Split('/', '\\'))
        {
            if (part.Length > NameMax) return -Libc.ENAMETOOLONG;
        }

        try
        {
            path = Path.GetFullPath(pathname);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or IOException or System.Security.SecurityException)
        {
            return -Libc.ENOENT;
        }

        var root = Path.GetPathRoot(path) ?? "";
        if (path.Length > root.Length) path = path.TrimEnd('/', '\\');
        return 0;
    }
}
