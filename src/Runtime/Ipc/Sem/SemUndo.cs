namespace IpcSim;

/// <summary>
/// One process's SEM_UNDO adjustments for one set. Mirrors ipc/sem.c: struct sem_undo. Applied
/// when the process exits (exit_sem); not inherited by fork. Guarded by the kernel's Gate.
/// </summary>
internal sealed class SemUndo
{
    internal SemUndo(SimProcess process, SemSet set)
    {
        Process = process;
        Set = set;
        Adj = new int[set.NSems];
    }

    internal SimProcess Process { get; }

    internal SemSet Set { get; }

    /// <summary>semadj: the opposite of every SEM_UNDO operation done so far, per semaphore.</summary>
    internal int[] Adj { get; }
}
