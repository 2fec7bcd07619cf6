using static IpcSim.Libc;

namespace Mistakes;

public static class IPC011
{
    // Every process that starts runs SETVAL: a late starter resets a semaphore that is in use.
    public static int OpenLock(int key)
    {
        int semid = semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR); // IPC011
        if (semid == -1) return -1;
        if (semctl(semid, 0, SETVAL, 1) == -1) return -1;
        return semid;
    }
}
