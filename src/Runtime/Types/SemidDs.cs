namespace IpcSim;

/// <summary>struct semid_ds (sys/sem.h), filled by semctl(IPC_STAT) and read by IPC_SET.</summary>
public sealed class SemidDs
{
    public IpcPerm sem_perm = new();
    public long sem_otime, sem_ctime;
    public ulong sem_nsems;
}

/// <summary>struct seminfo (sys/sem.h), returned by semctl(IPC_INFO).</summary>
public struct Seminfo
{
    public int semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem;
}

/// <summary>struct sembuf (sys/sem.h): one operation of a semop call.</summary>
public struct Sembuf
{
    public ushort sem_num;
    public short sem_op;
    public short sem_flg;

    public Sembuf(int num, int op, int flg)
    {
        sem_num = unchecked((ushort)num);
        sem_op = unchecked((short)op);
        sem_flg = unchecked((short)flg);
    }
}
