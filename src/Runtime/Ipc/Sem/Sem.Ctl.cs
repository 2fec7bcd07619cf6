namespace IpcSim;

/// <summary>
/// semctl's fourth argument, the C union semun, as the Libc overload that was called carries it.
/// A command handed an argument of the wrong kind behaves as C with a garbage or absent
/// argument, in one documented way: a command that needs a buffer gets EFAULT (there is no
/// buffer of its type), SETVAL without an int gets EINVAL (no value), and the commands that take
/// no argument ignore it.
/// </summary>
internal readonly record struct SemCtlArg(SemCtlArgKind Kind, int Value = 0, ushort[]? Array = null, SemidDs? Buf = null)
{
    internal static SemCtlArg None => new(SemCtlArgKind.None);
}

internal enum SemCtlArgKind
{
    None,
    Value,
    Array,
    Buf,
    Info,
}

internal sealed partial class Sem
{
    /// <summary>Mirrors ipc/sem.c: ksys_semctl(). Returns the command's value or -errno.</summary>
    internal int Ctl(SimProcess p, int semid, int semnum, int cmd, in SemCtlArg arg)
    {
        if (semid < 0) return -Libc.EINVAL;
        switch (cmd)
        {
            case Libc.IPC_INFO or Libc.SEM_INFO:
                return -Libc.EFAULT; // needs a struct seminfo: the out Seminfo overload
            case Libc.IPC_STAT or Libc.SEM_STAT:
                return Stat(p, semid, cmd, arg.Kind == SemCtlArgKind.Buf ? arg.Buf : null);
            case Libc.GETALL or Libc.SETALL or Libc.GETVAL or Libc.GETPID or Libc.GETNCNT or Libc.GETZCNT:
                return Main(p, semid, semnum, cmd, arg.Kind == SemCtlArgKind.Array ? arg.Array : null);
            case Libc.SETVAL:
                return arg.Kind == SemCtlArgKind.Value ? SetVal(p, semid, semnum, arg.Value) : -Libc.EINVAL;
            case Libc.IPC_SET:
                if (arg.Kind != SemCtlArgKind.Buf || arg.Buf?.sem_perm is null) return -Libc.EFAULT; // copy_semid_from_user() first
                return Set(p, semid, arg.Buf);
            case Libc.IPC_RMID:
                return Rmid(p, semid);
            default:
                return -Libc.EINVAL;
        }
    }

    /// <summary>Mirrors ipc/sem.c: semctl_info(): IPC_INFO and SEM_INFO; returns the highest index in use (0 when none).</summary>
    internal int Info(SimProcess p, int semid, int semnum, int cmd, out Seminfo info)
    {
        info = default;
        if (semid < 0) return -Libc.EINVAL;
        if (cmd is not (Libc.IPC_INFO or Libc.SEM_INFO)) return Ctl(p, semid, semnum, cmd, new SemCtlArg(SemCtlArgKind.Info));
        using (kernel.EnterGate())
        {
            info.semmni = Limits.SemMni;
            info.semmns = Limits.SemMns;
            info.semmsl = Limits.SemMsl;
            info.semopm = Limits.SemOpm;
            info.semvmx = Libc.SEMVMX;
            info.semmnu = info.semmap = Limits.SemMns;
            info.semume = Limits.SemOpm;
            if (cmd == Libc.SEM_INFO)
            {
                info.semusz = Ids.InUse;
                info.semaem = UsedSems;
            }
            else
            {
                info.semusz = IpcLimits.SemUsz;
                info.semaem = Libc.SEMAEM;
            }

            return Math.Max(0, Ids.MaxIndex);
        }
    }

    /// <summary>Mirrors ipc/sem.c: semctl_stat(). SEM_STAT takes an index and returns the id.</summary>
    private int Stat(SimProcess p, int semid, int cmd, SemidDs? buf)
    {
        using (kernel.EnterGate())
        {
            var set = cmd == Libc.SEM_STAT ? Ids.ObtainByIndex(semid) : Ids.ObtainCheck(semid);
            if (set is null) return -Libc.EINVAL;
            if (IpcPerms.Check(set, IpcPerms.Read, p) != 0) return -Libc.EACCES;
            if (buf is null) return -Libc.EFAULT;
            set.CopyTo(buf.sem_perm ??= new IpcPerm());
            buf.sem_otime = set.OTime;
            buf.sem_ctime = set.CTime;
            buf.sem_nsems = (ulong)set.NSems;
            return cmd == Libc.SEM_STAT ? set.Id : 0;
        }
    }

    /// <summary>
    /// Mirrors ipc/sem.c: semctl_main(): GETALL, SETALL, GETVAL, GETPID, GETNCNT, GETZCNT.
    /// SETALL sets every value (ERANGE above SEMVMX), clears every semadj of the set and wakes
    /// whoever can proceed.
    /// </summary>
    private int Main(SimProcess p, int semid, int semnum, int cmd, ushort[]? array)
    {
        using (kernel.EnterGate())
        {
            var set = Ids.ObtainCheck(semid);
            if (set is null) return -Libc.EINVAL;
            if (IpcPerms.Check(set, cmd == Libc.SETALL ? IpcPerms.Write : IpcPerms.Read, p) != 0) return -Libc.EACCES;
            var nsems = set.NSems;
            switch (cmd)
            {
                case Libc.GETALL:
                    if (array is null || array.Length < nsems) return -Libc.EFAULT;
                    for (var i = 0; i < nsems; i++) array[i] = (ushort)set.Values[i];
                    return 0;
                case Libc.SETALL:
                    if (array is null || array.Length < nsems) return -Libc.EFAULT;
                    for (var i = 0; i < nsems; i++)
                    {
                        if (array[i] > Libc.SEMVMX) return -Libc.ERANGE;
                    }

                    for (var i = 0; i < nsems; i++)
                    {
                        set.Values[i] = array[i];
                        set.Pids[i] = p.Pid;
                    }

                    foreach (var undo in set.Undos) Array.Clear(undo.Adj);
                    set.CTime = Now;
                    UpdateQueue(set);
                    return 0;
            }

            if (semnum < 0 || semnum >= nsems) return -Libc.EINVAL;
            return cmd switch
            {
                Libc.GETVAL => set.Values[semnum],
                Libc.GETPID => set.Pids[semnum],
                Libc.GETNCNT => CountWaiters(set, semnum, zero: false),
                _ => CountWaiters(set, semnum, zero: true),
            };
        }
    }

    /// <summary>
    /// Mirrors ipc/sem.c: count_semcnt(): sleepers whose blocking operation is on
    /// <paramref name="semnum"/> and waits for it to grow (GETNCNT) or to be zero (GETZCNT).
    /// </summary>
    private static int CountWaiters(SemSet set, int semnum, bool zero)
    {
        var count = 0;
        foreach (var w in set.Pending.Snapshot())
        {
            if (w.Request is not SemRequest q) continue;
            var sop = q.Sops[q.Blocking];
            if (sop.sem_num == semnum && (zero ? sop.sem_op == 0 : sop.sem_op < 0)) count++;
        }

        return count;
    }

    /// <summary>
    /// Mirrors ipc/sem.c: semctl_setval(). ERANGE outside 0..SEMVMX (checked first); clears that
    /// semaphore's semadj in every process, as Linux does, and wakes whoever can proceed.
    /// </summary>
    private int SetVal(SimProcess p, int semid, int semnum, int val)
    {
        if (val > Libc.SEMVMX || val < 0) return -Libc.ERANGE;
        using (kernel.EnterGate())
        {
            var set = Ids.ObtainCheck(semid);
            if (set is null) return -Libc.EINVAL;
            if (semnum < 0 || semnum >= set.NSems) return -Libc.EINVAL;
            if (IpcPerms.Check(set, IpcPerms.Write, p) != 0) return -Libc.EACCES;
            foreach (var undo in set.Undos) undo.Adj[semnum] = 0;
            set.Values[semnum] = val;
            set.Pids[semnum] = p.Pid;
            set.CTime = Now;
            UpdateQueue(set);
            return 0;
        }
    }

    /// <summary>Mirrors ipc/sem.c: semctl_down(IPC_SET).</summary>
    private int Set(SimProcess p, int semid, SemidDs buf)
    {
        using (kernel.EnterGate())
        {
            var set = Ids.ObtainCheck(semid);
            if (set is null) return -Libc.EINVAL;
            if (!IpcPerms.CanControl(set, p)) return -Libc.EPERM;
            var err = IpcPerms.Update(set, buf.sem_perm);
            if (err != 0) return err;
            set.CTime = Now;
            return 0;
        }
    }

    /// <summary>Mirrors ipc/sem.c: semctl_down(IPC_RMID): freeary() wakes every sleeper with EIDRM.</summary>
    private int Rmid(SimProcess p, int semid)
    {
        using (kernel.EnterGate())
        {
            var set = Ids.ObtainCheck(semid);
            if (set is null) return -Libc.EINVAL;
            if (!IpcPerms.CanControl(set, p)) return -Libc.EPERM;
            FreeAry(set);
            return 0;
        }
    }
}
