namespace IpcSim;

/// <summary>
/// System V message queues of one IPC namespace: msgget, msgsnd, msgrcv (here), msgctl
/// (Msg.Ctl.cs), the ipcs table (Msg.Show.cs). Mirrors ipc/msg.c, including its pipelined
/// send: a sender hands a message straight to a receiver already waiting for it. Entry points
/// take the kernel's Gate.
/// </summary>
internal sealed partial class Msg
{
    private readonly Kernel kernel;
    private readonly MsgOps ops;

    internal Msg(Kernel kernel, IpcLimits limits)
    {
        this.kernel = kernel;
        Limits = limits;
        Ids = new IpcIds<MsgQueue>(kernel.Gate);
        ops = new MsgOps(this);
    }

    internal IpcIds<MsgQueue> Ids { get; }

    internal IpcLimits Limits { get; }

    internal long Now => kernel.Clock.NowSeconds;

    /// <summary>Mirrors ipc/msg.c: ksys_msgget().</summary>
    internal int Get(SimProcess p, int key, int msgflg)
    {
        using (kernel.EnterGate()) return Ids.Get(new IpcParams(key, msgflg), ops, p);
    }

    /// <summary>
    /// Mirrors ipc/msg.c: do_msgsnd(). Sleeps while the message does not fit (q_qbytes bounds
    /// both the bytes and the number of messages). Returns 0 or -errno: EFAULT (no buffer, or
    /// msgsz beyond mtext), EINVAL (bad id, mtype &lt; 1, msgsz outside 0..MSGMAX), EACCES, EAGAIN
    /// (IPC_NOWAIT), EIDRM (removed while asleep), EINTR (a signal).
    /// </summary>
    internal int Snd(SimProcess p, int msqid, MsgBuf? msgp, long msgsz, int msgflg)
    {
        if (msgp is null) return -Libc.EFAULT; // get_user(mtype)
        var mtype = msgp.mtype;
        if (msgsz > Limits.MsgMax || msgsz < 0 || msqid < 0) return -Libc.EINVAL;
        if (mtype < 1) return -Libc.EINVAL;
        if (msgp.mtext is null || msgsz > msgp.mtext.Length) return -Libc.EFAULT; // load_msg()
        var msg = new Message(mtype, msgp.mtext.AsSpan(0, (int)msgsz).ToArray());

        using (kernel.EnterGate())
        {
            var q = Ids.ObtainCheck(msqid);
            if (q is null) return -Libc.EINVAL;
            while (true)
            {
                if (IpcPerms.Check(q, IpcPerms.Write, p) != 0) return -Libc.EACCES;
                if (q.Fits(msgsz)) break;
                if ((msgflg & Libc.IPC_NOWAIT) != 0) return -Libc.EAGAIN;
                var why = kernel.Scheduler.Block(p, q.Senders, "msgsnd", request: msgsz);
                if (q.Deleted) return -Libc.EIDRM;
                if (why == WakeReason.Interrupted) return -Libc.EINTR;
            }

            q.LsPid = p.Pid;
            q.STime = Now;
            if (!PipelinedSend(q, msg))
            {
                q.Messages.AddLast(msg);
                q.CBytes += msgsz;
            }

            return 0;
        }
    }

    /// <summary>
    /// Mirrors ipc/msg.c: do_msgrcv() with do_msg_fill(). Picks a message by
    /// <paramref name="msgtyp"/> (0: the first; &gt; 0: the first of that type, or with MSG_EXCEPT
    /// the first of another; &lt; 0: the first of the lowest type &lt;= |msgtyp|; with MSG_COPY:
    /// a copy of the one at that position), copies it into mtext and returns its length. A longer
    /// message stays queued with E2BIG, unless MSG_NOERROR truncates it. ENOMSG with IPC_NOWAIT.
    /// The buffer is checked before anything is taken (EFAULT), so a bad buffer loses no message.
    /// </summary>
    internal long Rcv(SimProcess p, int msqid, MsgBuf? msgp, long msgsz, long msgtyp, int msgflg)
    {
        if (msqid < 0 || msgsz < 0) return -Libc.EINVAL;
        if (msgp?.mtext is null || msgsz > msgp.mtext.Length) return -Libc.EFAULT;
        var copy = (msgflg & Libc.MSG_COPY) != 0;
        if (copy && ((msgflg & Libc.MSG_EXCEPT) != 0 || (msgflg & Libc.IPC_NOWAIT) == 0)) return -Libc.EINVAL;
        var mode = ConvertMode(ref msgtyp, msgflg);

        Message? msg;
        using (kernel.EnterGate())
        {
            var q = Ids.ObtainCheck(msqid);
            if (q is null) return -Libc.EINVAL;
            while (true)
            {
                if (IpcPerms.Check(q, IpcPerms.Read, p) != 0) return -Libc.EACCES;
                var node = Find(q, msgtyp, mode);
                if (node is not null)
                {
                    msg = node.Value;
                    if (msgsz < msg.Text.Length && (msgflg & Libc.MSG_NOERROR) == 0) return -Libc.E2BIG;
                    if (!copy)
                    {
                        q.Messages.Remove(node);
                        q.CBytes -= msg.Text.Length;
                        q.RTime = Now;
                        q.LrPid = p.Pid;
                        WakeSenders(q);
                    }

                    break;
                }

                if ((msgflg & Libc.IPC_NOWAIT) != 0) return -Libc.ENOMSG;
                var maxSize = (msgflg & Libc.MSG_NOERROR) != 0 ? long.MaxValue : msgsz;
                var receiver = new MsgReceiver(msgtyp, mode, maxSize, p.Pid);
                var why = kernel.Scheduler.Block(p, q.Receivers, "msgrcv", Scheduler.NoDeadline, true, receiver, out var status);
                if (receiver.Msg is not null)
                {
                    msg = receiver.Msg;
                    break;
                }

                if (q.Deleted) return -Libc.EIDRM;
                if (status is -Libc.E2BIG) return -Libc.E2BIG;
                if (why == WakeReason.Interrupted) return -Libc.EINTR;

                // Woken with EAGAIN (IPC_SET changed the queue): look again.
            }

            var n = (int)Math.Min(msgsz, msg.Text.Length);
            msgp.mtype = msg.Type;
            msg.Text.AsSpan(0, n).CopyTo(msgp.mtext);
            return n;
        }
    }

    /// <summary>Mirrors ipc/msg.c: convert_mode().</summary>
    private static MsgSearch ConvertMode(ref long msgtyp, int msgflg)
    {
        if ((msgflg & Libc.MSG_COPY) != 0) return MsgSearch.Number;
        if (msgtyp == 0) return MsgSearch.Any;
        if (msgtyp < 0)
        {
            msgtyp = msgtyp == long.MinValue ? long.MaxValue : -msgtyp;
            return MsgSearch.LessEqual;
        }

        return (msgflg & Libc.MSG_EXCEPT) != 0 ? MsgSearch.NotEqual : MsgSearch.Equal;
    }

    /// <summary>Mirrors ipc/msg.c: testmsg().</summary>
    private static bool Matches(Message msg, long type, MsgSearch mode) => mode switch
    {
        MsgSearch.Any => true,
        MsgSearch.LessEqual => msg.Type <= type,
        MsgSearch.Equal => msg.Type == type,
        MsgSearch.NotEqual => msg.Type != type,
        _ => false,
    };

    /// <summary>Mirrors ipc/msg.c: find_msg(). For LessEqual the first message of the lowest qualifying type.</summary>
    private static LinkedListNode<Message>? Find(MsgQueue q, long type, MsgSearch mode)
    {
        if (mode == MsgSearch.Number)
        {
            var at = q.Messages.First;
            for (long i = 0; at is not null && i < type; i++) at = at.Next;
            return type < 0 ? null : at;
        }

        LinkedListNode<Message>? found = null;
        for (var node = q.Messages.First; node is not null; node = node.Next)
        {
            if (!Matches(node.Value, type, mode)) continue;
            if (mode != MsgSearch.LessEqual) return node;
            if (found is null || node.Value.Type < found.Value.Type) found = node;
        }

        return found;
    }

    /// <summary>
    /// Mirrors ipc/msg.c: pipelined_send(). Hands the message to the first sleeping receiver that
    /// wants it; a receiver whose buffer is too small is woken with E2BIG and the search goes on.
    /// Returns whether a receiver took it. Call with the Gate held.
    /// </summary>
    private bool PipelinedSend(MsgQueue q, Message msg)
    {
        foreach (var w in q.Receivers.Snapshot())
        {
            if (w.Reason != WakeReason.None || w.Request is not MsgReceiver r || !Matches(msg, r.Type, r.Mode)) continue;
            if (r.MaxSize < msg.Text.Length)
            {
                kernel.Scheduler.Wake(w, WakeReason.Woken, -Libc.E2BIG);
                continue;
            }

            q.LrPid = r.Pid;
            q.RTime = Now;
            r.Msg = msg;
            kernel.Scheduler.Wake(w, WakeReason.Woken);
            return true;
        }

        return false;
    }

    /// <summary>Mirrors ipc/msg.c: ss_wakeup(): wakes the sleeping senders whose message now fits; they check again.</summary>
    private void WakeSenders(MsgQueue q)
    {
        foreach (var w in q.Senders.Snapshot())
        {
            if (w.Request is long msgsz && q.Fits(msgsz)) kernel.Scheduler.Wake(w, WakeReason.Woken);
        }
    }

    /// <summary>Mirrors ipc/msg.c: freeque(): every sleeper wakes and sees EIDRM; the messages and the id go.</summary>
    private void FreeQue(MsgQueue q)
    {
        Ids.Remove(q);
        q.Messages.Clear();
        q.CBytes = 0;
        kernel.Scheduler.WakeAll(q.Receivers, WakeReason.Woken, -Libc.EIDRM);
        kernel.Scheduler.WakeAll(q.Senders, WakeReason.Woken, -Libc.EIDRM);
    }
}
