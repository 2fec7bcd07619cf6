namespace IpcSim;

/// <summary>
/// A semaphore set. Mirrors ipc/sem.c: struct sem_array with its struct sem entries. The
/// pending operations of every sleeper wait in one FIFO, <see cref="Pending"/> (the kernel's
/// pending_alter and pending_const lists together), each waiter's request a <see cref="SemRequest"/>.
/// Guarded by the kernel's Gate.
/// </summary>
internal sealed class SemSet : KernIpcPerm
{
    internal SemSet(int key, int mode, int nsems, long now)
    {
        Key = key;
        Mode = mode;
        Values = new int[nsems];
        Pids = new int[nsems];
        CTime = now;
        Pending = new WaitQueue("semaphore set");
    }

    internal int NSems => Values.Length;

    /// <summary>semval of each semaphore.</summary>
    internal int[] Values { get; }

    /// <summary>sempid of each semaphore: the last process to operate on it.</summary>
    internal int[] Pids { get; }

    /// <summary>sem_otime: the last successful semop (0 until one).</summary>
    internal long OTime { get; set; }

    internal long CTime { get; set; }

    /// <summary>Sleeping semops, in arrival order.</summary>
    internal WaitQueue Pending { get; }

    /// <summary>The SEM_UNDO records of every process for this set (sem_array.list_id).</summary>
    internal List<SemUndo> Undos { get; } = new();
}

/// <summary>A sleeping semop. Mirrors ipc/sem.c: struct sem_queue.</summary>
internal sealed class SemRequest
{
    internal SemRequest(Sembuf[] sops, SemUndo? undo, int pid, bool alter)
    {
        Sops = sops;
        Undo = undo;
        Pid = pid;
        Alter = alter;
    }

    internal Sembuf[] Sops { get; }

    internal SemUndo? Undo { get; }

    internal int Pid { get; }

    /// <summary>Some operation changes a value (a nonzero sem_op).</summary>
    internal bool Alter { get; }

    /// <summary>The operation it is blocked on (q->blocking): what GETNCNT and GETZCNT count.</summary>
    internal int Blocking { get; set; }
}
