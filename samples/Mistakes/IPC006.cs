using IpcSim;
using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC006
{
    // A signal handler makes msgrcv fail with EINTR; this treats it as a fatal error.
    internal static long Receive(int msqid)
    {
        var msg = new MsgBuf(0, 128);
        long n = msgrcv(msqid, msg, 128, 0, 0); // IPC006
        if (n == -1)
        {
            perror("msgrcv");
            return -1;
        }

        return n;
    }
}
