namespace IpcSim;

// The process-model work (issue 3): where a parent sleeps in wait().
internal sealed partial class SimProcess
{
    private WaitQueue? childExitQueue;

    /// <summary>Mirrors signal->wait_chldexit: woken when a child exits, stops or continues.</summary>
    internal WaitQueue ChildExitQueue => childExitQueue ??= new WaitQueue("children of pid " + Pid);
}
