namespace IpcSim;

public static partial class Libc
{
    // <sys/sem.h>
    public const int SEM_UNDO = 0x1000;
    public const int GETPID = 11;
    public const int GETVAL = 12;
    public const int GETALL = 13;
    public const int GETNCNT = 14;
    public const int GETZCNT = 15;
    public const int SETVAL = 16;
    public const int SETALL = 17;
    public const int SEM_STAT = 18;
    public const int SEM_INFO = 19;

    // Limits: Linux's defaults (include/uapi/linux/sem.h).
    public const int SEMMSL = 32000;
    public const int SEMMNI = 32000;
    public const int SEMMNS = SEMMNI * SEMMSL;
    public const int SEMOPM = 500;
    public const int SEMVMX = 32767;
    public const int SEMAEM = SEMVMX;

    // int semget(key_t key, int nsems, int semflg);
    public static int semget(int key, int nsems, int semflg) => Sys(-ENOSYS);

    // int semop(int semid, struct sembuf *sops, size_t nsops);
    public static int semop(int semid, Sembuf[] sops, long nsops) => Sys(-ENOSYS);

    // int semtimedop(int semid, struct sembuf *sops, size_t nsops, const struct timespec *timeout);
    public static int semtimedop(int semid, Sembuf[] sops, long nsops, Timespec? timeout) => Sys(-ENOSYS);

    // int semctl(int semid, int semnum, int cmd);   (IPC_RMID, GETVAL, GETPID, GETNCNT, GETZCNT)
    public static int semctl(int semid, int semnum, int cmd) => Sys(-ENOSYS);

    // int semctl(int semid, int semnum, int cmd, int val);   (SETVAL)
    public static int semctl(int semid, int semnum, int cmd, int val) => Sys(-ENOSYS);

    // int semctl(int semid, int semnum, int cmd, unsigned short *array);   (GETALL, SETALL)
    public static int semctl(int semid, int semnum, int cmd, ushort[] array) => Sys(-ENOSYS);

    // int semctl(int semid, int semnum, int cmd, struct semid_ds *buf);   (IPC_STAT, IPC_SET)
    public static int semctl(int semid, int semnum, int cmd, SemidDs buf) => Sys(-ENOSYS);

    // int semctl(int semid, int semnum, IPC_INFO, struct seminfo *buf);
    public static int semctl(int semid, int semnum, int cmd, out Seminfo buf)
    {
        buf = default;
        return Sys(-ENOSYS);
    }
}
