namespace IpcSim;

// Owned by the files work (issue 3): the descriptor table, inherited by fork, closed at exit.
internal sealed partial class SimProcess
{
}
