namespace IpcSim;

/// <summary>
/// A simulated process: mirrors task_struct, with only what the simulation needs. Other parts
/// (SimProcess.*.cs) add the descriptor table, attachments, SEM_UNDO list and signal state.
/// Fields are guarded by the kernel's Gate unless they belong to the process's own thread.
/// </summary>
internal sealed partial class SimProcess
{
    private static readonly AsyncLocal<SimProcess?> AmbientProcess = new();
    [ThreadStatic] private static SimProcess? threadProcess;
    private bool signalPending;

    internal SimProcess(Kernel kernel, int pid, SimProcess? parent, bool foreign)
    {
        Kernel = kernel;
        Pid = pid;
        Parent = parent;
        IsForeign = foreign;
        Pgid = parent is null || parent.Pid == 1 ? pid : parent.Pgid;
        if (parent is not null)
        {
            Uid = parent.Uid;
            Euid = parent.Euid;
            Suid = parent.Suid;
            Gid = parent.Gid;
            Egid = parent.Egid;
            Sgid = parent.Sgid;
        }
    }

    /// <summary>
    /// The process the calling thread belongs to: the one a kernel started it for, or, for a
    /// thread from outside any simulation, a process of its own in <see cref="Kernel.Default"/>.
    /// A dying process's thread unwinds from here.
    /// </summary>
    internal static SimProcess Current
    {
        get
        {
            var p = threadProcess ?? AmbientProcess.Value ?? Kernel.Default.JoinForeignThread();
            if (p.DyingStatus is not null) p.ThrowIfDying();
            return p;
        }
    }

    internal Kernel Kernel { get; }

    internal int Pid { get; }

    internal SimProcess? Parent { get; set; }

    internal int Ppid => Parent?.Pid ?? 0;

    /// <summary>
    /// The process group. There is no setpgid: a process Run starts (or a thread from outside)
    /// leads a group of its own, as a shell's job does, and every process it forks stays in it.
    /// </summary>
    internal int Pgid { get; }

    internal List<SimProcess> Children { get; } = new();

    /// <summary>Belongs to a thread the kernel did not start (a plain Main calling Libc).</summary>
    internal bool IsForeign { get; }

    internal Thread? Thread { get; set; }

    internal int Errno { get; set; }

    internal uint Uid { get; set; }

    internal uint Euid { get; set; }

    internal uint Suid { get; set; }

    internal uint Gid { get; set; }

    internal uint Egid { get; set; }

    internal uint Sgid { get; set; }

    internal ProcessState State { get; set; } = ProcessState.Alive;

    internal bool IsAlive => State == ProcessState.Alive;

    /// <summary>The wait status once exited (see Libc.ExitedStatus / SignaledStatus).</summary>
    internal int WaitStatus { get; set; }

    /// <summary>Set when the process must end (a fatal signal, a deadlock kill): its wait status.</summary>
    internal int? DyingStatus { get; set; }

    /// <summary>Why it is dying, when the reason is the simulation's (a deadlock report) rather than a signal.</summary>
    internal string? DyingReport { get; set; }

    /// <summary>The threads of this process asleep in the kernel.</summary>
    internal List<Waiter> Waiters { get; } = new();

    /// <summary>Whether the scheduler counts this process as runnable (see Scheduler.Recount).</summary>
    internal bool CountedRunnable { get; set; }

    /// <summary>
    /// A signal is pending that is not blocked: interruptible sleeps end, and the next return to
    /// user code delivers it. Written with the Gate held; read without it on the fast path of Sys.
    /// </summary>
    internal bool SignalPending
    {
        get => Volatile.Read(ref signalPending);
        set => Volatile.Write(ref signalPending, value);
    }

    /// <summary>Binds the calling thread (and the tasks it starts) to this process.</summary>
    internal void BindCurrentThread()
    {
        threadProcess = this;
        AmbientProcess.Value = this;
    }

    internal static void UnbindCurrentThread()
    {
        threadProcess = null;
        AmbientProcess.Value = null;
    }

    /// <summary>exit(2) from the process's own code: unwinds to the process's root.</summary>
    internal void Exit(int status)
    {
        if (IsForeign)
        {
            // A plain program's exit(): the process ends, and so does the program, as in C.
            Kernel.ExitProcess(this, Libc.ExitedStatus(status));
            Environment.Exit(status);
        }

        throw new ProcessExitException(Libc.ExitedStatus(status));
    }

    internal void ThrowIfDying()
    {
        if (DyingStatus is not { } status) return;
        if (IsForeign)
        {
            Kernel.ExitProcess(this, status);
            if (DyingReport is not null) throw new SimulationDeadlockException(DyingReport);
            Environment.Exit(128 + Libc.WTERMSIG(status));
        }

        throw new ProcessExitException(status);
    }

    // Extension points for the parts of the process that live elsewhere. Each runs with the Gate held.

    /// <summary>fork: copy what the child inherits (descriptors, attachments, dispositions).</summary>
    partial void OnForkFiles(SimProcess child);

    partial void OnForkIpc(SimProcess child);

    partial void OnForkSignals(SimProcess child);

    /// <summary>Exit: close descriptors; detach segments and apply SEM_UNDO; drop signal state.</summary>
    partial void OnExitFiles();

    partial void OnExitIpc();

    partial void OnExitSignals();

    internal void CopyIntoChild(SimProcess child)
    {
        OnForkFiles(child);
        OnForkIpc(child);
        OnForkSignals(child);
    }

    internal void ReleaseResources()
    {
        OnExitFiles();
        OnExitIpc();
        OnExitSignals();
    }
}
