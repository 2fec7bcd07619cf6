using IpcSim;
using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC013
{
    // msgsz counts only mtext: adding sizeof(long) for mtype overruns the 64-byte buffer.
    internal static int Send(int msqid)
    {
        var msg = new MsgBuf(1, 64);
        return msgsnd(msqid, msg, msg.mtext.Length + sizeof(long), 0); // IPC013
    }
}
