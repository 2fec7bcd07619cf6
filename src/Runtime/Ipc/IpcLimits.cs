namespace IpcSim;

/// <summary>
/// The IPC namespace's tunables, Linux's defaults until changed. Mirrors struct ipc_namespace's
/// shm_ctlmax, shm_ctlall, shm_ctlmni, sem_ctls[] and msg_ctl* (the /proc/sys/kernel knobs);
/// tests lower them the way LTP writes /proc/sys/kernel/shmmni.
/// </summary>
internal sealed class IpcLimits
{
    internal const long PageSize = 4096;

    /// <summary>The highest user address plus one on x86-64 with 4-level paging (TASK_SIZE).</summary>
    internal const long TaskSize = (1L << 47) - PageSize;

    /// <summary>vm.mmap_min_addr: fixed mappings below it need privilege.</summary>
    internal const long MmapMinAddr = 65536;

    /// <summary>MSGSSZ, MSGSEG: reported by IPC_INFO.</summary>
    internal const int MsgSsz = 16;
    internal const int MsgSeg = 0xffff;

    /// <summary>SEMUSZ: reported by IPC_INFO.</summary>
    internal const int SemUsz = 20;

    internal long ShmMax { get; set; } = Libc.SHMMAX;

    /// <summary>In pages.</summary>
    internal long ShmAll { get; set; } = Libc.SHMALL;

    internal int ShmMni { get; set; } = Libc.SHMMNI;

    internal int SemMsl { get; set; } = Libc.SEMMSL;

    internal int SemMns { get; set; } = Libc.SEMMNS;

    internal int SemOpm { get; set; } = Libc.SEMOPM;

    internal int SemMni { get; set; } = Libc.SEMMNI;

    internal int MsgMax { get; set; } = Libc.MSGMAX;

    internal int MsgMnb { get; set; } = Libc.MSGMNB;

    internal int MsgMni { get; set; } = Libc.MSGMNI;

    /// <summary>Pages needed for <paramref name="bytes"/> bytes (rounded up).</summary>
    internal static long Pages(long bytes) => (bytes / PageSize) + (bytes % PageSize == 0 ? 0 : 1);
}
