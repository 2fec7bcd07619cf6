namespace IpcSim;

// Owned by the IPC work (issue 2): attachments (the address space) and the SEM_UNDO list.
internal sealed partial class SimProcess
{
    // Top-down placement starts below this, one step lower per pid, so that two processes
    // attaching the same segment get different addresses (as ASLR gives them on Linux).
    private const long MmapTop = 0x7f00_0000_0000;
    private const long MmapStep = 0x1_0000_0000;

    private AddressSpace? addressSpace;

    /// <summary>The shm mappings (mm_struct). Created on first use.</summary>
    internal AddressSpace AddressSpace =>
        Volatile.Read(ref addressSpace) ?? Interlocked.CompareExchange(ref addressSpace, NewAddressSpace(), null) ?? addressSpace!;

    /// <summary>The address space if the process ever had one: Mem reads it without allocating.</summary>
    internal AddressSpace? AddressSpaceIfAny => Volatile.Read(ref addressSpace);

    /// <summary>The process's SEM_UNDO adjustments, one per semaphore set. Mirrors struct sem_undo_list.</summary>
    internal List<SemUndo> SemUndos { get; } = new();

    private AddressSpace NewAddressSpace() => new(MmapTop - ((Pid % 4096) * MmapStep));

    /// <summary>fork: the child shares every attachment (each one counts in shm_nattch); SEM_UNDO is not inherited.</summary>
    partial void OnForkIpc(SimProcess child) => Kernel.Shm.CopyAttachments(this, child);

    /// <summary>exit: detach every segment (exit_shm / exit_mmap) and apply the SEM_UNDO adjustments (exit_sem).</summary>
    partial void OnExitIpc()
    {
        Kernel.Shm.DetachAll(this);
        Kernel.Sem.ExitSem(this);
    }
}
