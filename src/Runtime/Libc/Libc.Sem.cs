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
    public static int semget(int key, int nsems, int semflg)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Sem.Get(p, key, nsems, semflg));
    }

    // int semop(int semid, struct sembuf *sops, size_t nsops);
    public static int semop(int semid, Sembuf[] sops, long nsops)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Sem.TimedOp(p, semid, sops, nsops, null));
    }

    // int semtimedop(int semid, struct sembuf *sops, size_t nsops, const struct timespec *timeout);
    // A null timeout waits without limit, as semop.
    public static int semtimedop(int semid, Sembuf[] sops, long nsops, Timespec? timeout)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Sem.TimedOp(p, semid, sops, nsops, timeout));
    }

    // Each overload carries one member of C's union semun. A command given an argument of the
    // wrong kind behaves as C with a garbage or absent argument, in one fixed way: a command that
    // needs a buffer (IPC_STAT, IPC_SET, GETALL, SETALL, IPC_INFO) fails with EFAULT, SETVAL
    // without an int fails with EINVAL, and commands that take no argument ignore it.

    // int semctl(int semid, int semnum, int cmd);   (IPC_RMID, GETVAL, GETPID, GETNCNT, GETZCNT)
    public static int semctl(int semid, int semnum, int cmd)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Sem.Ctl(p, semid, semnum, cmd, SemCtlArg.None));
    }

    // int semctl(int semid, int semnum, int cmd, int val);   (SETVAL)
    public static int semctl(int semid, int semnum, int cmd, int val)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Sem.Ctl(p, semid, semnum, cmd, new SemCtlArg(SemCtlArgKind.Value, Value: val)));
    }

    // int semctl(int semid, int semnum, int cmd, unsigned short *array);   (GETALL, SETALL)
    public static int semctl(int semid, int semnum, int cmd, ushort[] array)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Sem.Ctl(p, semid, semnum, cmd, new SemCtlArg(SemCtlArgKind.Array, Array: array)));
    }

    // int semctl(int semid, int semnum, int cmd, struct semid_ds *buf);   (IPC_STAT, IPC_SET)
    public static int semctl(int semid, int semnum, int cmd, SemidDs buf)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Sem.Ctl(p, semid, semnum, cmd, new SemCtlArg(SemCtlArgKind.Buf, Buf: buf)));
    }

    // int semctl(int semid, int semnum, IPC_INFO, struct seminfo *buf);
    public static int semctl(int semid, int semnum, int cmd, out Seminfo buf)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Sem.Info(p, semid, semnum, cmd, out buf));
    }
}
