namespace IpcSim;

/// <summary>The message-queue half of ipcget(). Mirrors ipc/msg.c: msg_ops (newque; no more_checks).</summary>
internal sealed class MsgOps : IIpcOps<MsgQueue>
{
    private readonly Msg msg;

    internal MsgOps(Msg msg) => this.msg = msg;

    /// <summary>Mirrors ipc/msg.c: newque(). q_qbytes starts at MSGMNB; ENOSPC past MSGMNI.</summary>
    public int GetNew(IpcIds<MsgQueue> ids, in IpcParams p, SimProcess caller)
    {
        var q = new MsgQueue(p.Key, p.Flags & IpcPerms.ModeMask, msg.Limits.MsgMnb, msg.Now);
        var id = ids.Add(q, msg.Limits.MsgMni, caller);
        if (id < 0) return id;
        q.Receivers.Description = "message queue " + id + " (receivers)";
        q.Senders.Description = "message queue " + id + " (senders)";
        return id;
    }

    public int MoreChecks(MsgQueue existing, in IpcParams p) => 0;
}
