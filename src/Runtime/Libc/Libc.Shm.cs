namespace IpcSim;

public static partial class Libc
{
    // <sys/shm.h>
    public const int SHM_RDONLY = 0x1000;
    public const int SHM_RND = 0x2000;
    public const int SHM_LOCK = 11;
    public const int SHM_UNLOCK = 12;
    public const int SHM_DEST = 0x200;
    public const int SHM_LOCKED = 0x400;
    public const int SHM_STAT = 13;
    public const int SHM_INFO = 14;

    /// <summary>SHMLBA: attach addresses are rounded down to it with SHM_RND (one page on x86-64).</summary>
    public const long SHMLBA = 4096;

    // Limits: Linux's defaults (include/uapi/linux/shm.h).
    public const long SHMMIN = 1;
    public const int SHMMNI = 4096;
    public const long SHMMAX = long.MaxValue - (1L << 24);     // ULONG_MAX - 2^24, clamped to C#'s long
    public const long SHMALL = long.MaxValue - (1L << 24);     // in pages

    // int shmget(key_t key, size_t size, int shmflg);
    public static int shmget(int key, long size, int shmflg)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Shm.Get(p, key, size, shmflg));
    }

    // void *shmat(int shmid, const void *shmaddr, int shmflg);
    public static nint shmat(int shmid, nint shmaddr, int shmflg)
    {
        var p = SimProcess.Current;
        return SysPtr((nint)p.Kernel.Shm.At(p, shmid, shmaddr, shmflg));
    }

    // int shmdt(const void *shmaddr);
    public static int shmdt(nint shmaddr)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Shm.Dt(p, shmaddr));
    }

    // int shmctl(int shmid, int cmd, struct shmid_ds *buf);
    // IPC_STAT, SHM_STAT, IPC_SET (buf), IPC_RMID, SHM_LOCK, SHM_UNLOCK (buf ignored, may be null).
    public static int shmctl(int shmid, int cmd, ShmidDs? buf)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Shm.Ctl(p, shmid, cmd, buf));
    }

    // int shmctl(int shmid, IPC_INFO, struct shminfo *buf);
    public static int shmctl(int shmid, int cmd, out Shminfo buf)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Shm.Ctl(p, shmid, cmd, out buf));
    }
}
