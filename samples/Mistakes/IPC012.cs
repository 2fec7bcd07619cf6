using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC012
{
    // errno is read after a call that succeeded: it holds whatever an earlier failure left there.
    internal static int Report(int semid)
    {
        int value = semctl(semid, 0, GETVAL);
        if (value == -1) return -1;
        if (value == 0) perror("semaphore is zero"); // IPC012
        return value;
    }
}
