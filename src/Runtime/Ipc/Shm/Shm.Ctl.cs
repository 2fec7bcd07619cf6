namespace IpcSim;

internal sealed partial class Shm
{
    /// <summary>
    /// Mirrors ipc/shm.c: ksys_shmctl() for the commands that take a struct shmid_ds (IPC_STAT,
    /// SHM_STAT, IPC_SET) or nothing (IPC_RMID, SHM_LOCK, SHM_UNLOCK). A null buffer where one is
    /// needed is EFAULT; IPC_INFO and SHM_INFO need another buffer type, so they are EFAULT here.
    /// </summary>
    internal int Ctl(SimProcess p, int shmid, int cmd, ShmidDs? buf)
    {
        if (cmd < 0 || shmid < 0) return -Libc.EINVAL;
        switch (cmd)
        {
            case Libc.IPC_INFO or Libc.SHM_INFO:
                return -Libc.EFAULT;
            case Libc.IPC_STAT or Libc.SHM_STAT:
                return Stat(p, shmid, cmd, buf);
            case Libc.IPC_SET:
                if (buf?.shm_perm is null) return -Libc.EFAULT; // copy_shmid_from_user() comes first
                return Set(p, shmid, buf);
            case Libc.IPC_RMID:
                return Rmid(p, shmid);
            case Libc.SHM_LOCK or Libc.SHM_UNLOCK:
                return Lock(p, shmid, cmd == Libc.SHM_LOCK);
            default:
                return -Libc.EINVAL;
        }
    }

    /// <summary>
    /// shmctl(IPC_INFO) into a struct shminfo. Mirrors ipc/shm.c: shmctl_ipc_info(); returns the
    /// highest index in use (0 when none). Commands that take no buffer work too; other buffer
    /// commands are EFAULT (no struct shmid_ds to fill).
    /// </summary>
    internal int Ctl(SimProcess p, int shmid, int cmd, out Shminfo info)
    {
        info = default;
        if (cmd < 0 || shmid < 0) return -Libc.EINVAL;
        if (cmd != Libc.IPC_INFO) return Ctl(p, shmid, cmd, (ShmidDs?)null);

        using (kernel.EnterGate())
        {
            info.shmmax = (ulong)Limits.ShmMax;
            info.shmmin = Libc.SHMMIN;
            info.shmmni = info.shmseg = (ulong)Limits.ShmMni;
            info.shmall = (ulong)Limits.ShmAll;
            return Math.Max(0, Ids.MaxIndex);
        }
    }

    /// <summary>SHM_INFO's struct shm_info: segments, pages allocated and pages resident (ipcs -m -u).</summary>
    internal (int UsedIds, long TotalPages, long ResidentPages) Info()
    {
        using (kernel.EnterGate()) return (Ids.InUse, TotalPages, Ids.All.Sum(s => s.ResidentPages));
    }

    /// <summary>Mirrors ipc/shm.c: shmctl_stat(). SHM_STAT takes an index and returns the id; IPC_STAT returns 0.</summary>
    private int Stat(SimProcess p, int shmid, int cmd, ShmidDs? buf)
    {
        using (kernel.EnterGate())
        {
            var seg = cmd == Libc.SHM_STAT ? Ids.ObtainByIndex(shmid) : Ids.ObtainCheck(shmid);
            if (seg is null) return -Libc.EINVAL;
            if (IpcPerms.Check(seg, IpcPerms.Read, p) != 0) return -Libc.EACCES;
            if (buf is null) return -Libc.EFAULT;
            seg.CopyTo(buf.shm_perm ??= new IpcPerm());
            buf.shm_segsz = seg.Size;
            buf.shm_atime = seg.ATime;
            buf.shm_dtime = seg.DTime;
            buf.shm_ctime = seg.CTime;
            buf.shm_cpid = seg.CPid;
            buf.shm_lpid = seg.LPid;
            buf.shm_nattch = (ulong)seg.NAttch;
            return cmd == Libc.SHM_STAT ? seg.Id : 0;
        }
    }

    /// <summary>Mirrors ipc/shm.c: shmctl_down(IPC_SET): uid, gid and the low 9 mode bits, by the creator, owner or root.</summary>
    private int Set(SimProcess p, int shmid, ShmidDs buf)
    {
        using (kernel.EnterGate())
        {
            var seg = Ids.ObtainCheck(shmid);
            if (seg is null) return -Libc.EINVAL;
            if (!IpcPerms.CanControl(seg, p)) return -Libc.EPERM;
            var err = IpcPerms.Update(seg, buf.shm_perm);
            if (err != 0) return err;
            seg.CTime = Now;
            return 0;
        }
    }

    /// <summary>
    /// Mirrors ipc/shm.c: do_shm_rmid(). An attached segment is marked SHM_DEST and its key made
    /// private; it goes at the last detach. An unattached one goes now.
    /// </summary>
    private int Rmid(SimProcess p, int shmid)
    {
        using (kernel.EnterGate())
        {
            var seg = Ids.ObtainCheck(shmid);
            if (seg is null) return -Libc.EINVAL;
            if (!IpcPerms.CanControl(seg, p)) return -Libc.EPERM;
            if (seg.NAttch > 0)
            {
                seg.Mode |= Libc.SHM_DEST;
                Ids.SetKeyPrivate(seg);
            }
            else
            {
                Destroy(seg);
            }

            return 0;
        }
    }

    /// <summary>
    /// Mirrors ipc/shm.c: shmctl_do_lock(). Without CAP_IPC_LOCK (root here) only the owner or
    /// creator may lock or unlock (RLIMIT_MEMLOCK is taken as nonzero, its default); else EPERM.
    /// </summary>
    private int Lock(SimProcess p, int shmid, bool doLock)
    {
        using (kernel.EnterGate())
        {
            var seg = Ids.ObtainCheck(shmid);
            if (seg is null) return -Libc.EINVAL;
            if (!IpcPerms.IsPrivileged(p) && p.Euid != seg.Uid && p.Euid != seg.Cuid) return -Libc.EPERM;
            if (doLock) seg.Mode |= Libc.SHM_LOCKED;
            else seg.Mode &= ~Libc.SHM_LOCKED;
            return 0;
        }
    }
}
