namespace IpcSim;

// Owned by the signals work (issue 3): dispositions, the pending set and mask, delivery.
internal sealed partial class SimProcess
{
    /// <summary>
    /// The return-to-user path: runs the handlers of pending, unblocked signals on this thread
    /// (outside the Gate), or kills the process for a fatal default action. Returns true when
    /// the interrupted call should be restarted: every handler that ran had SA_RESTART.
    /// </summary>
    internal bool DeliverSignals() => false;
}
