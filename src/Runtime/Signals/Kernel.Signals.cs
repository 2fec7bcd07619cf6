namespace IpcSim;

// Owned by the signals work (issue 3).
public sealed partial class Kernel
{
    /// <summary>Call with the Gate held. send_signal(): make <paramref name="sig"/> pending for the target and wake it.</summary>
    internal void SendSignal(SimProcess target, int sig)
    {
    }
}
