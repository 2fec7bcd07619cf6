namespace IpcSim;

internal sealed partial class Msg
{
    /// <summary>
    /// Mirrors ipc/msg.c: ksys_msgctl() for IPC_STAT, MSG_STAT, IPC_SET and IPC_RMID. A null
    /// buffer where one is needed is EFAULT; IPC_INFO and MSG_INFO need a struct msginfo (the
    /// out Msginfo overload), so they are EFAULT here.
    /// </summary>
    internal int Ctl(SimProcess p, int msqid, int cmd, MsqidDs? buf)
    {
        if (msqid < 0 || cmd < 0) return -Libc.EINVAL;
        switch (cmd)
        {
            case Libc.IPC_INFO or Libc.MSG_INFO:
                return -Libc.EFAULT;
            case Libc.IPC_STAT or Libc.MSG_STAT:
                return Stat(p, msqid, cmd, buf);
            case Libc.IPC_SET:
                if (buf?.msg_perm is null) return -Libc.EFAULT; // copy_msqid_from_user() first
                return Set(p, msqid, buf);
            case Libc.IPC_RMID:
                return Rmid(p, msqid);
            default:
                return -Libc.EINVAL;
        }
    }

    /// <summary>
    /// Mirrors ipc/msg.c: msgctl_info(): IPC_INFO (the limits) and MSG_INFO (with the queues,
    /// messages and bytes in use); returns the highest index in use (0 when none).
    /// </summary>
    internal int Info(SimProcess p, int msqid, int cmd, out Msginfo info)
    {
        info = default;
        if (msqid < 0 || cmd < 0) return -Libc.EINVAL;
        if (cmd is not (Libc.IPC_INFO or Libc.MSG_INFO)) return Ctl(p, msqid, cmd, null);
        using (kernel.EnterGate())
        {
            info.msgmni = Limits.MsgMni;
            info.msgmax = Limits.MsgMax;
            info.msgmnb = Limits.MsgMnb;
            info.msgssz = IpcLimits.MsgSsz;
            info.msgseg = IpcLimits.MsgSeg;
            if (cmd == Libc.MSG_INFO)
            {
                var all = Ids.All.ToArray();
                info.msgpool = all.Length;
                info.msgmap = (int)all.Sum(q => q.QNum);
                info.msgtql = (int)Math.Min(int.MaxValue, all.Sum(q => q.CBytes));
            }
            else
            {
                info.msgmap = Libc.MSGMNB;
                info.msgpool = (int)((long)Libc.MSGMNI * Libc.MSGMNB / 1024);
                info.msgtql = Libc.MSGMNB;
            }

            return Math.Max(0, Ids.MaxIndex);
        }
    }

    /// <summary>Mirrors ipc/msg.c: msgctl_stat(). MSG_STAT takes an index and returns the id.</summary>
    private int Stat(SimProcess p, int msqid, int cmd, MsqidDs? buf)
    {
        using (kernel.EnterGate())
        {
            var q = cmd == Libc.MSG_STAT ? Ids.ObtainByIndex(msqid) : Ids.ObtainCheck(msqid);
            if (q is null) return -Libc.EINVAL;
            if (IpcPerms.Check(q, IpcPerms.Read, p) != 0) return -Libc.EACCES;
            if (buf is null) return -Libc.EFAULT;
            q.CopyTo(buf.msg_perm ??= new IpcPerm());
            buf.msg_stime = q.STime;
            buf.msg_rtime = q.RTime;
            buf.msg_ctime = q.CTime;
            buf.msg_cbytes = (ulong)q.CBytes;
            buf.msg_qnum = (ulong)q.QNum;
            buf.msg_qbytes = (ulong)q.QBytes;
            buf.msg_lspid = q.LsPid;
            buf.msg_lrpid = q.LrPid;
            return cmd == Libc.MSG_STAT ? q.Id : 0;
        }
    }

    /// <summary>
    /// Mirrors ipc/msg.c: msgctl_down(IPC_SET). Raising msg_qbytes above MSGMNB needs
    /// CAP_SYS_RESOURCE (root here), else EPERM. Sleeping receivers look again (their
    /// permission may have gone) and senders whose message now fits wake.
    /// </summary>
    private int Set(SimProcess p, int msqid, MsqidDs buf)
    {
        using (kernel.EnterGate())
        {
            var q = Ids.ObtainCheck(msqid);
            if (q is null) return -Libc.EINVAL;
            if (!IpcPerms.CanControl(q, p)) return -Libc.EPERM;
            if (buf.msg_qbytes > (ulong)Limits.MsgMnb && !IpcPerms.IsPrivileged(p)) return -Libc.EPERM;
            var err = IpcPerms.Update(q, buf.msg_perm);
            if (err != 0) return err;
            q.QBytes = (long)Math.Min(buf.msg_qbytes, long.MaxValue);
            q.CTime = Now;
            kernel.Scheduler.WakeAll(q.Receivers, WakeReason.Woken, -Libc.EAGAIN); // expunge_all(msq, -EAGAIN)
            WakeSenders(q);
            return 0;
        }
    }

    /// <summary>Mirrors ipc/msg.c: msgctl_down(IPC_RMID).</summary>
    private int Rmid(SimProcess p, int msqid)
    {
        using (kernel.EnterGate())
        {
            var q = Ids.ObtainCheck(msqid);
            if (q is null) return -Libc.EINVAL;
            if (!IpcPerms.CanControl(q, p)) return -Libc.EPERM;
            FreeQue(q);
            return 0;
        }
    }
}
