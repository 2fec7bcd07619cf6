using System.Diagnostics;

namespace IpcSim;

/// <summary>
/// System V semaphores of one IPC namespace: semget and semop/semtimedop (here), semctl
/// (Sem.Ctl.cs), the ipcs table (Sem.Show.cs). Mirrors ipc/sem.c. A process that cannot proceed
/// sleeps on its set's Pending queue; whoever changes the values runs update_queue and completes
/// the sleepers' operations on their behalf, in arrival order, so no wakeup is lost and only the
/// sleepers that can proceed wake. Entry points take the kernel's Gate.
/// </summary>
internal sealed partial class Sem
{
    private const long NsPerSecond = 1_000_000_000;

    private readonly Kernel kernel;
    private readonly SemOps ops;

    internal Sem(Kernel kernel, IpcLimits limits)
    {
        this.kernel = kernel;
        Limits = limits;
        Ids = new IpcIds<SemSet>(kernel.Gate);
        ops = new SemOps(this);
    }

    internal IpcIds<SemSet> Ids { get; }

    internal IpcLimits Limits { get; }

    /// <summary>Semaphores in every set together (ns->used_sems), checked against SEMMNS.</summary>
    internal int UsedSems { get; set; }

    internal long Now => kernel.Clock.NowSeconds;

    /// <summary>Mirrors ipc/sem.c: ksys_semget(). nsems outside 0..SEMMSL is EINVAL.</summary>
    internal int Get(SimProcess p, int key, int nsems, int semflg)
    {
        if (nsems < 0 || nsems > Limits.SemMsl) return -Libc.EINVAL;
        using (kernel.EnterGate()) return Ids.Get(new IpcParams(key, semflg, NSems: nsems), ops, p);
    }

    /// <summary>
    /// Mirrors ipc/sem.c: do_semtimedop(). Performs every operation or none; sleeps while they
    /// cannot all proceed. Returns 0 or -errno: EINVAL, E2BIG, EFAULT, EFBIG, EACCES, ERANGE,
    /// EAGAIN (IPC_NOWAIT or the timeout), EIDRM (removed while asleep), EINTR (a signal; never
    /// restarted).
    /// </summary>
    internal int TimedOp(SimProcess p, int semid, Sembuf[]? sops, long nsops, Timespec? timeout)
    {
        if (nsops < 1 || semid < 0) return -Libc.EINVAL;
        if (nsops > Limits.SemOpm) return -Libc.E2BIG;
        if (sops is null || nsops > sops.Length) return -Libc.EFAULT;
        var copy = sops.AsSpan(0, (int)nsops).ToArray(); // copy_from_user: the caller may reuse its array
        if (timeout is not null && (timeout.tv_sec < 0 || timeout.tv_nsec < 0 || timeout.tv_nsec >= NsPerSecond))
            return -Libc.EINVAL;

        int max = 0;
        bool undos = false, alter = false;
        foreach (var sop in copy)
        {
            max = Math.Max(max, sop.sem_num);
            undos |= (sop.sem_flg & Libc.SEM_UNDO) != 0;
            alter |= sop.sem_op != 0;
        }

        using (kernel.EnterGate())
        {
            var deadline = Scheduler.NoDeadline;
            if (timeout is not null)
            {
                var span = timeout.tv_sec >= long.MaxValue / NsPerSecond ? long.MaxValue : (timeout.tv_sec * NsPerSecond) + timeout.tv_nsec;
                var now = kernel.Clock.NowNs;
                deadline = span >= Scheduler.NoDeadline - now ? Scheduler.NoDeadline - 1 : now + span;
            }

            var set = Ids.ObtainCheck(semid);
            if (set is null) return -Libc.EINVAL;
            if (max >= set.NSems) return -Libc.EFBIG;
            if (IpcPerms.Check(set, alter ? IpcPerms.Write : IpcPerms.Read, p) != 0) return -Libc.EACCES;

            var request = new SemRequest(copy, undos ? FindAllocUndo(p, set) : null, p.Pid, alter);
            var result = Perform(set, request);
            if (result <= 0)
            {
                if (result == 0) UpdateQueue(set);
                return result;
            }

            var why = kernel.Scheduler.Block(p, set.Pending, "semop", deadline, interruptible: true, request, out var status);
            return why switch
            {
                WakeReason.Woken => (int)status,     // update_queue finished our operations, or freeary said EIDRM
                WakeReason.Timeout => -Libc.EAGAIN,
                _ => -Libc.EINTR,
            };
        }
    }

    /// <summary>
    /// Mirrors ipc/sem.c: perform_atomic_semop_slow(). Tries the operations in order, each seeing
    /// the ones before it; on success keeps them (semadj, sempid, sem_otime) and returns 0; returns
    /// 1 when one must wait (recording it as blocking), or -EAGAIN (IPC_NOWAIT) / -ERANGE, having
    /// undone everything. Call with the Gate held.
    /// </summary>
    private int Perform(SemSet set, SemRequest q)
    {
        Debug.Assert(Monitor.IsEntered(kernel.Gate), "Call with the Gate held");
        var sops = q.Sops;
        int i;
        var error = 0;
        for (i = 0; i < sops.Length; i++)
        {
            var sop = sops[i];
            var value = set.Values[sop.sem_num];
            if (sop.sem_op == 0 ? value != 0 : value + sop.sem_op < 0)
            {
                if ((sop.sem_flg & Libc.IPC_NOWAIT) != 0)
                {
                    error = -Libc.EAGAIN;
                }
                else
                {
                    q.Blocking = i;
                    error = 1;
                }

                break;
            }

            if (value + sop.sem_op > Libc.SEMVMX)
            {
                error = -Libc.ERANGE;
                break;
            }

            if ((sop.sem_flg & Libc.SEM_UNDO) != 0)
            {
                var adj = q.Undo!.Adj[sop.sem_num] - sop.sem_op;
                if (adj < -Libc.SEMAEM - 1 || adj > Libc.SEMAEM)
                {
                    error = -Libc.ERANGE;
                    break;
                }

                q.Undo.Adj[sop.sem_num] = adj;
            }

            set.Values[sop.sem_num] = value + sop.sem_op;
        }

        if (error != 0)
        {
            // Undo what was applied, newest first.
            while (--i >= 0)
            {
                var sop = sops[i];
                set.Values[sop.sem_num] -= sop.sem_op;
                if ((sop.sem_flg & Libc.SEM_UNDO) != 0) q.Undo!.Adj[sop.sem_num] += sop.sem_op;
            }

            return error;
        }

        foreach (var sop in sops) set.Pids[sop.sem_num] = q.Pid;
        set.OTime = Now;
        return 0;
    }

    /// <summary>
    /// Mirrors ipc/sem.c: update_queue() and do_smart_update(). Completes, in arrival order, every
    /// sleeping semop that can now proceed (or fails with an error) and wakes exactly those
    /// sleepers, leaving each its result; starts over after any completion that changed a value,
    /// since that may let an earlier sleeper through. Call with the Gate held.
    /// </summary>
    internal void UpdateQueue(SemSet set)
    {
        Debug.Assert(Monitor.IsEntered(kernel.Gate), "Call with the Gate held");
        // Walks the queue in place: a copy per restart made releasing N sleepers cost O(N^2).
        var w = set.Pending.First;
        while (w is not null)
        {
            var next = set.Pending.Next(w);
            if (w.Reason != WakeReason.None || w.Request is not SemRequest q)
            {
                w = next;
                continue;
            }

            var result = Perform(set, q);
            if (result > 0)
            {
                w = next;
                continue;
            }

            kernel.Scheduler.Wake(w, WakeReason.Woken, result);

            // Values changed: an earlier sleeper may now proceed, so scan again from the head (as Linux does).
            w = result == 0 && q.Alter ? set.Pending.First : next;
        }
    }

    /// <summary>Mirrors ipc/sem.c: find_alloc_undo(): the caller's semadj record for the set, made on first use.</summary>
    private static SemUndo FindAllocUndo(SimProcess p, SemSet set)
    {
        foreach (var u in p.SemUndos)
        {
            if (u.Set == set) return u;
        }

        var undo = new SemUndo(p, set);
        p.SemUndos.Add(undo);
        set.Undos.Add(undo);
        return undo;
    }

    /// <summary>
    /// Mirrors ipc/sem.c: exit_sem(). Applies the exiting process's semadj to each set still
    /// alive, clamping at 0 and SEMVMX as Linux does, and wakes whoever can now proceed. Call
    /// with the Gate held.
    /// </summary>
    internal void ExitSem(SimProcess p)
    {
        Debug.Assert(Monitor.IsEntered(kernel.Gate), "Call with the Gate held");
        foreach (var undo in p.SemUndos)
        {
            var set = undo.Set;
            set.Undos.Remove(undo);
            if (set.Deleted) continue;
            for (var i = 0; i < set.NSems; i++)
            {
                if (undo.Adj[i] == 0) continue;
                set.Values[i] = Math.Clamp(set.Values[i] + undo.Adj[i], 0, Libc.SEMVMX);
                set.Pids[i] = p.Pid;
            }

            set.OTime = Now;
            UpdateQueue(set);
        }

        p.SemUndos.Clear();
    }

    /// <summary>Mirrors ipc/sem.c: freeary(): every sleeper wakes with EIDRM, every semadj record goes, the id goes.</summary>
    private void FreeAry(SemSet set)
    {
        foreach (var undo in set.Undos) undo.Process.SemUndos.Remove(undo);
        set.Undos.Clear();
        Ids.Remove(set);
        kernel.Scheduler.WakeAll(set.Pending, WakeReason.Woken, -Libc.EIDRM);
        UsedSems -= set.NSems;
    }
}
