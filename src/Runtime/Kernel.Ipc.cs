namespace IpcSim;

public sealed partial class Kernel
{
    private readonly List<IpcObjectInfo> leaks = new();

    /// <summary>The IPC objects still present when the last <see cref="Run"/> ended.</summary>
    public IReadOnlyList<IpcObjectInfo> Leaks
    {
        get
        {
            lock (Gate) return leaks.ToArray();
        }
    }

    /// <summary>The tables as util-linux ipcs prints them.</summary>
    public string Ipcs(bool shm = true, bool sem = true, bool msg = true) => "";

    private void InitIpcNamespace()
    {
    }

    /// <summary>Call with the Gate held: what is left in the three registries becomes Leaks (free_ipcs).</summary>
    private void CollectLeaks() => leaks.Clear();
}

/// <summary>An IPC object, as the leak report lists it.</summary>
public sealed record IpcObjectInfo(IpcObjectKind Kind, int Key, int Id, int Mode, int CreatorPid);

/// <summary>The three System V IPC kinds.</summary>
public enum IpcObjectKind
{
    SharedMemory,
    Semaphore,
    MessageQueue,
}
