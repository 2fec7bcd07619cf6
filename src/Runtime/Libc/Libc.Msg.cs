namespace IpcSim;

public static partial class Libc
{
    // <sys/msg.h>
    public const int MSG_NOERROR = 0x1000;
    public const int MSG_EXCEPT = 0x2000;
    public const int MSG_COPY = 0x4000;
    public const int MSG_STAT = 11;
    public const int MSG_INFO = 12;

    // Limits: Linux's defaults (include/uapi/linux/msg.h).
    public const int MSGMAX = 8192;
    public const int MSGMNB = 16384;
    public const int MSGMNI = 32000;

    // int msgget(key_t key, int msgflg);
    public static int msgget(int key, int msgflg)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Msg.Get(p, key, msgflg));
    }

    // int msgsnd(int msqid, const void *msgp, size_t msgsz, int msgflg);
    public static int msgsnd(int msqid, MsgBuf msgp, long msgsz, int msgflg)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Msg.Snd(p, msqid, msgp, msgsz, msgflg));
    }

    // ssize_t msgrcv(int msqid, void *msgp, size_t msgsz, long msgtyp, int msgflg);
    public static long msgrcv(int msqid, MsgBuf msgp, long msgsz, long msgtyp, int msgflg)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Msg.Rcv(p, msqid, msgp, msgsz, msgtyp, msgflg));
    }

    // int msgctl(int msqid, int cmd, struct msqid_ds *buf);
    public static int msgctl(int msqid, int cmd, MsqidDs? buf)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Msg.Ctl(p, msqid, cmd, buf));
    }

    // int msgctl(int msqid, IPC_INFO, struct msginfo *buf);
    public static int msgctl(int msqid, int cmd, out Msginfo buf)
    {
        var p = SimProcess.Current;
        return Sys(p.Kernel.Msg.Info(p, msqid, cmd, out buf));
    }
}
