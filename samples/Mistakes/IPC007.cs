using IpcSim;
using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC007
{
    // After shmdt the address no longer maps anything: the read kills the process with SIGSEGV.
    internal static int ReadAfterDetach(int shmid)
    {
        nint addr = shmat(shmid, 0, 0);
        if (addr == -1) return -1;
        if (shmdt(addr) == -1) return -1;
        return Mem.Read<int>(addr); // IPC007
    }
}
