using System;
using IpcSim;
using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC015
{
    // A process killed between P and V leaves the lock taken: without SEM_UNDO nobody restores it.
    internal static int WithLock(int semid, Action work)
    {
        var p = new[] { new Sembuf(0, -1, 0) };
        var v = new[] { new Sembuf(0, 1, 0) };
        while (semop(semid, p, 1) == -1) // IPC015
        {
            if (errno != EINTR) return -1;
        }

        try
        {
            work();
            return 0;
        }
        finally
        {
            _ = semop(semid, v, 1);
        }
    }
}
