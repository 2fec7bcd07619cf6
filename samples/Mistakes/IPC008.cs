using System;
using IpcSim;
using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC008
{
    // When update throws, the semaphore stays at 0 and every other process blocks forever.
    internal static int Locked(int semid, Action update)
    {
        var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
        var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
        while (semop(semid, p, 1) == -1) // IPC008
        {
            if (errno != EINTR) return -1;
        }

        update();
        return semop(semid, v, 1);
    }
}
