namespace IpcSim;

// Owned by the IPC work (issue 2): attachments (the address space) and the SEM_UNDO list.
internal sealed partial class SimProcess
{
}
