using IpcSim;
using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC003
{
    // The early return leaves the segment attached: nattch never drops, IPC_RMID never frees it.
    internal static int ReadFlag(int shmid)
    {
        nint addr = shmat(shmid, 0, SHM_RDONLY); // IPC003
        if (addr == -1) return -1;
        if (Mem.Read<int>(addr) == 0) return 0;
        return shmdt(addr);
    }
}
