namespace IpcSim;

/// <summary>struct shmid_ds (sys/shm.h), filled by shmctl(IPC_STAT) and read by IPC_SET.</summary>
public sealed class ShmidDs
{
    public IpcPerm shm_perm = new();
    public long shm_segsz;
    public long shm_atime, shm_dtime, shm_ctime;
    public int shm_cpid, shm_lpid;
    public ulong shm_nattch;
}

/// <summary>struct shminfo (sys/shm.h), returned by shmctl(IPC_INFO).</summary>
public struct Shminfo
{
    public ulong shmmax, shmmin, shmmni, shmseg, shmall;
}
