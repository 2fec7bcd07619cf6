using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace IpcSim;

public sealed partial class Kernel
{
    private readonly List<IpcObjectInfo> leaks = new();

    /// <summary>The IPC objects still present when the last <see cref="Run"/> ended.</summary>
    public IReadOnlyList<IpcObjectInfo> Leaks
    {
        get
        {
            using (EnterGate()) return leaks.ToArray();
        }
    }

    /// <summary>The namespace's tunables (the /proc/sys/kernel IPC knobs), Linux's defaults until changed.</summary>
    internal IpcLimits IpcLimits { get; private set; }

    internal Shm Shm { get; private set; }

    internal Sem Sem { get; private set; }

    internal Msg Msg { get; private set; }

    /// <summary>
    /// The tables as util-linux ipcs prints them (message queues, then shared memory, then
    /// semaphores, as ipcs does), each kind's part produced by its own Show.
    /// </summary>
    public string Ipcs(bool shm = true, bool sem = true, bool msg = true)
    {
        var sb = new StringBuilder("\n");
        if (msg)
        {
            Msg.Show(sb);
            sb.Append('\n');
        }

        if (shm)
        {
            Shm.Show(sb);
            sb.Append('\n');
        }

        if (sem)
        {
            Sem.Show(sb);
            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Mirrors ipc/namespace.c: create_ipc_ns() with shm_init_ns, sem_init_ns and msg_init_ns.</summary>
    [MemberNotNull(nameof(IpcLimits), nameof(Shm), nameof(Sem), nameof(Msg))]
    private void InitIpcNamespace()
    {
        IpcLimits = new IpcLimits();
        Shm = new Shm(this, IpcLimits);
        Sem = new Sem(this, IpcLimits);
        Msg = new Msg(this, IpcLimits);
    }

    /// <summary>
    /// Call with the Gate held: what is left in the three registries becomes Leaks (what
    /// free_ipcs would sweep). The objects stay, so Ipcs() still shows them after Run.
    /// </summary>
    private void CollectLeaks()
    {
        leaks.Clear();
        foreach (var s in Shm.Ids.All) leaks.Add(new IpcObjectInfo(IpcObjectKind.SharedMemory, s.Key, s.Id, s.Mode, s.CreatorPid));
        foreach (var s in Sem.Ids.All) leaks.Add(new IpcObjectInfo(IpcObjectKind.Semaphore, s.Key, s.Id, s.Mode, s.CreatorPid));
        foreach (var q in Msg.Ids.All) leaks.Add(new IpcObjectInfo(IpcObjectKind.MessageQueue, q.Key, q.Id, q.Mode, q.CreatorPid));
    }
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
