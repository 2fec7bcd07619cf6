using IpcSim;
using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC001
{
    // shmget can fail (ENOSPC, EACCES, EINVAL...). The -1 flows into shmat as if it were an id.
    internal static int ReadCounter(int key)
    {
        int shmid = shmget(key, 4096, S_IRUSR | S_IWUSR); // IPC001
        nint addr = shmat(shmid, 0, SHM_RDONLY); // IPC001
        int value = Mem.Read<int>(addr);
        _ = shmdt(addr);
        return value;
    }
}
