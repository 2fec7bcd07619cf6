using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC010
{
    // 0600 is the decimal number 600 in C#: the mode bits become 0o1130, not rw-------.
    internal static int CreateWithOctalLookalike()
    {
        int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600); // IPC010
        if (semid == -1) return -1;
        return semctl(semid, 0, IPC_RMID);
    }
}
