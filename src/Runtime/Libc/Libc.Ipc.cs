namespace IpcSim;

/// <summary>The C library surface of the simulated kernel. One partial file per C header.</summary>
public static partial class Libc
{
    // <sys/ipc.h>
    public const int IPC_PRIVATE = 0;
    public const int IPC_CREAT = 0x200;
    public const int IPC_EXCL = 0x400;
    public const int IPC_NOWAIT = 0x800;
    public const int IPC_RMID = 0;
    public const int IPC_SET = 1;
    public const int IPC_STAT = 2;
    public const int IPC_INFO = 3;

    /// <summary>The id space: ids are seq * IPCMNI + index (ipc/util.h).</summary>
    public const int IPCMNI = 32768;

    // key_t ftok(const char *pathname, int proj_id);
    //   glibc's formula over the simulated stat of the path. Not through Sys on success: a key may be negative.
    public static int ftok(string pathname, int proj_id)
    {
        var err = FileSyscalls.Stat(pathname, out var st);
        if (err != 0) return Sys(err);
        return (int)(((uint)proj_id & 0xff) << 24 | ((uint)st.Dev & 0xff) << 16 | ((uint)st.Ino & 0xffff));
    }
}
