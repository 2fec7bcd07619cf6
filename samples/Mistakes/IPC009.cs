using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC009
{
    // Mode 0666: any user on the machine can read and overwrite the segment.
    internal static int CreateWorldWritable(int key)
    {
        int shmid = shmget(key, 4096, IPC_CREAT | 0b110_110_110); // IPC009
        if (shmid == -1) return -1;
        return shmctl(shmid, IPC_RMID, null);
    }
}
