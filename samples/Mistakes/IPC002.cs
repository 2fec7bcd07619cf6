using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC002
{
    // shmat returns (void*)-1 on failure, never NULL: this test never sees the failure.
    internal static int AttachAndTestAgainstZero(int shmid)
    {
        nint addr = shmat(shmid, 0, 0);
        if (addr == 0) // IPC002
        {
            perror("shmat");
            return -1;
        }

        return shmdt(addr);
    }
}
