namespace IpcSim;

// The process-model work (issue 3). Mirrors kernel/fork.c.
public sealed partial class Kernel
{
    /// <summary>
    /// copy_process(): a child with its own pid and errno that inherits credentials, signal
    /// dispositions and mask, descriptors and attachments (CopyIntoChild), but not pending signals,
    /// alarms or SEM_UNDO adjustments. It runs <paramref name="body"/> on its own thread. Returns its pid.
    /// </summary>
    internal int Fork(SimProcess parent, Func<int> body)
    {
        using (EnterGate())
        {
            parent.ThrowIfDying();
            var child = NewProcess(parent, foreign: false);
            child.Errno = parent.Errno;
            parent.CopyIntoChild(child);
            StartThread(child, body);
            return child.Pid;
        }
    }
}
