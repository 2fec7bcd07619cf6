namespace IpcSim;

/// <summary>struct msqid_ds (sys/msg.h), filled by msgctl(IPC_STAT) and read by IPC_SET.</summary>
public sealed class MsqidDs
{
    public IpcPerm msg_perm = new();
    public long msg_stime, msg_rtime, msg_ctime;
    public ulong msg_cbytes, msg_qnum, msg_qbytes;
    public int msg_lspid, msg_lrpid;
}

/// <summary>struct msginfo (sys/msg.h), returned by msgctl(IPC_INFO).</summary>
public struct Msginfo
{
    public int msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
    public ushort msgseg;
}

/// <summary>
/// The C idiom <c>struct { long mtype; char mtext[N]; }</c>. msgsnd sends the first msgsz
/// bytes of mtext; msgrcv writes the message into mtext in place and sets mtype.
/// </summary>
public sealed class MsgBuf
{
    public long mtype;
    public byte[] mtext;

    public MsgBuf() => mtext = Array.Empty<byte>();

    public MsgBuf(long mtype, int capacity)
    {
        this.mtype = mtype;
        mtext = new byte[Math.Max(0, capacity)];
    }
}
