using System.Runtime.InteropServices;
using System.Text;

namespace IpcSim;

/// <summary>
/// The host's files as the simulation sees them: existence, type and a stable device and inode
/// number per path. On 64-bit Linux the host's own stat(2) answers, so ftok gives the key it would
/// give a C program on the same machine. Elsewhere (or with a glibc older than 2.33, which has no
/// exported stat symbol) the numbers come from a table that assigns inodes on first sight, shared by
/// every kernel in the .NET process so that a path keeps its number for the life of the host
/// process; there, two links to one file get different numbers.
/// </summary>
internal static unsafe class HostFiles
{
    // struct stat on x86-64 and on the generic 64-bit layout (arm64): st_dev at 0 and st_ino at 8
    // on both; st_mode, st_uid and st_gid differ; st_size is at 48 on both. 256 bytes covers both.
    private const int StatBufferSize = 256;
    private const int FirstInode = 2;
    private const ulong FirstDevice = 0x801; // makedev(8, 1), the first SCSI disk's first partition

    private static readonly delegate* unmanaged<byte*, byte*, int> NativeStat = LoadNativeStat();
    private static readonly (int Mode, int Uid, int Gid) Offsets =
        RuntimeInformation.ProcessArchitecture == Architecture.X64 ? (24, 28, 32) : (16, 24, 28);

    private static readonly object TableLock = new();
    private static readonly StringComparer PathComparer =
        OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
    private static readonly Dictionary<string, ulong> InodeTable = new(PathComparer);
    private static readonly Dictionary<string, ulong> DeviceTable = new(PathComparer);

    /// <summary>Whether numbers come from the host's stat(2) rather than the first-sight table.</summary>
    internal static bool UsesHostStat => NativeStat != null;

    /// <summary>stat(2) of a host path (absolute, normalised). Returns 0 or -ENOENT / -EACCES / -ENOTDIR.</summary>
    internal static int Stat(string fullPath, out FileStat st)
    {
        if (NativeStat != null) return StatNative(fullPath, out st);
        return StatByTable(fullPath, out st);
    }

    /// <summary>stat(2) from .NET's view of the host and the first-sight inode table (non-Linux hosts).</summary>
    internal static int StatByTable(string fullPath, out FileStat st)
    {
        st = default;
        bool isDirectory;
        long size = 0;
        try
        {
            isDirectory = Directory.Exists(fullPath);
            if (!isDirectory)
            {
                var info = new FileInfo(fullPath);
                if (!info.Exists) return -Libc.ENOENT;
                size = info.Length;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return -Libc.ENOENT;
        }

        var type = isDirectory ? Libc.S_IFDIR : Libc.S_IFREG;
        st = new FileStat(DeviceOf(fullPath), InodeOf(fullPath), type | PermissionsOf(fullPath, isDirectory), 0, 0, size);
        return 0;
    }

    private static int StatNative(string fullPath, out FileStat st)
    {
        st = default;
        var path = new byte[Encoding.UTF8.GetByteCount(fullPath) + 1];
        Encoding.UTF8.GetBytes(fullPath, path);
        var buf = stackalloc byte[StatBufferSize];
        int ret;
        fixed (byte* p = path) ret = NativeStat(p, buf);
        if (ret != 0)
        {
            return Marshal.GetLastSystemError() switch
            {
                Libc.EACCES => -Libc.EACCES,
                Libc.ENOTDIR => -Libc.ENOTDIR,
                Libc.ENAMETOOLONG => -Libc.ENAMETOOLONG,
                _ => -Libc.ENOENT,
            };
        }

        st = new FileStat(
            Dev: *(ulong*)buf,
            Ino: *(ulong*)(buf + 8),
            Mode: *(int*)(buf + Offsets.Mode),
            Uid: *(uint*)(buf + Offsets.Uid),
            Gid: *(uint*)(buf + Offsets.Gid),
            Size: *(long*)(buf + 48));
        return 0;
    }

    private static delegate* unmanaged<byte*, byte*, int> LoadNativeStat()
    {
        if (!OperatingSystem.IsLinux()) return null;
        if (RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64)) return null;
        foreach (var name in new[] { "libc.so.6", "libc" })
        {
            if (NativeLibrary.TryLoad(name, out var lib) && NativeLibrary.TryGetExport(lib, "stat", out var fn))
                return (delegate* unmanaged<byte*, byte*, int>)fn;
        }

        return null;
    }

    private static int PermissionsOf(string fullPath, bool isDirectory)
    {
        if (OperatingSystem.IsWindows()) return isDirectory ? 0x1ED : 0x1A4; // 0755, 0644
        try
        {
            return (int)File.GetUnixFileMode(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return isDirectory ? 0x1ED : 0x1A4;
        }
    }

    private static ulong InodeOf(string fullPath)
    {
        lock (TableLock)
        {
            if (!InodeTable.TryGetValue(fullPath, out var ino))
            {
                ino = FirstInode + (ulong)InodeTable.Count;
                InodeTable.Add(fullPath, ino);
            }

            return ino;
        }
    }

    private static ulong DeviceOf(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "";
        lock (TableLock)
        {
            if (!DeviceTable.TryGetValue(root, out var dev))
            {
                dev = FirstDevice + (ulong)DeviceTable.Count;
                DeviceTable.Add(root, dev);
            }

            return dev;
        }
    }
}
