using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC004
{
    // The queue outlives the program: nothing ever calls msgctl(IPC_RMID) on it.
    internal static int CreateQueue()
    {
        int msqid = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR); // IPC004
        if (msqid == -1) return -1;
        var msg = new IpcSim.MsgBuf(1, 16);
        if (msgsnd(msqid, msg, 16, IPC_NOWAIT) == -1) return -1;
        return 0;
    }
}
