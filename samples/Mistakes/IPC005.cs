using IpcSim;
using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC005
{
    // Two processes attach the same segment; the counter is incremented with no semaphore held.
    internal static int Increment(int shmid)
    {
        nint counter = shmat(shmid, 0, 0);
        if (counter == -1) return -1;
        int value = Mem.Read<int>(counter);
        Mem.Write<int>(counter, value + 1); // IPC005
        return shmdt(counter);
    }
}
