namespace IpcSim;

/// <summary>Why a blocked call returned from <see cref="Scheduler.Block"/>.</summary>
internal enum WakeReason
{
    None,

    /// <summary>Another process changed what the sleeper waits on; re-check the condition.</summary>
    Woken,

    /// <summary>The deadline passed.</summary>
    Timeout,

    /// <summary>A signal arrived: return -EINTR (or restart, for SA_RESTART and a restartable call).</summary>
    Interrupted,
}
