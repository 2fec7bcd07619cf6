using System.Diagnostics;

namespace IpcSim;

/// <summary>
/// A simulated Linux kernel: its processes, clock, IPC namespace and file system. Every
/// piece of kernel state is guarded by one lock, <see cref="Gate"/> (a big kernel lock: the
/// simulation's cost is in thread hand-offs, not in contention, and one lock keeps exit,
/// signals and IPC free of lock-order bugs).
/// </summary>
public sealed partial class Kernel
{
    private const int FirstPid = 1000;
    private static readonly Lazy<Kernel> DefaultKernel = new(() => new Kernel());

    private readonly Dictionary<int, SimProcess> processes = new();
    private readonly List<SimProcess> foreignProcesses = new();
    private readonly ManualResetEventSlim simulationEnded = new(true);
    private int nextPid = FirstPid;
    private int managedAlive;
    private string? deadlockReport;

    public Kernel(KernelOptions? options = null)
    {
        Options = options ?? new KernelOptions();
        Clock = new Clock(this, Options.RealClock, Options.BootTime);
        Scheduler = new Scheduler(this);
#pragma warning disable RS0030 // the console is only the default for the simulated stdout/stderr
        Stdout = Options.Stdout ?? Console.Out;
        Stderr = Options.Stderr ?? Console.Error;
#pragma warning restore RS0030
        Init = new SimProcess(this, 1, parent: null, foreign: false);
        processes.Add(Init.Pid, Init);
        InitIpcNamespace();
    }

    /// <summary>The kernel that threads outside any simulation join, each as a process of its own.</summary>
    public static Kernel Default => DefaultKernel.Value;

    internal KernelOptions Options { get; }

    /// <summary>The big kernel lock. Never held across a user callback or while asleep.</summary>
    internal object Gate { get; } = new();

    /// <summary>Takes the Gate for a using block; sleepers woken inside it are signalled after it is released.</summary>
    internal GateScope EnterGate() => new(this);

    internal Clock Clock { get; }

    internal Scheduler Scheduler { get; }

    internal TextWriter Stdout { get; }

    internal TextWriter Stderr { get; }

    /// <summary>pid 1: adopts orphans and reaps them at once. Has no thread.</summary>
    internal SimProcess Init { get; }

    internal bool HasForeignProcesses => foreignProcesses.Count > 0;

    /// <summary>
    /// Runs <paramref name="main"/> as a new simulated process and returns its wait status once
    /// it and every process it forked have ended. Throws <see cref="SimulationDeadlockException"/>
    /// when every live process blocked with no timer pending (each was killed to end the run),
    /// and <see cref="SimulationTimeoutException"/> past <see cref="KernelOptions.Watchdog"/>.
    /// </summary>
    public int Run(Func<int> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        SimProcess p;
        using (EnterGate())
        {
            deadlockReport = null;
            simulationEnded.Reset();
            p = StartProcess(Init, main);
        }

        var watchdog = Options.Watchdog ?? Timeout.InfiniteTimeSpan;
        if (!simulationEnded.Wait(watchdog)) throw new SimulationTimeoutException(KillEverything());

        using (EnterGate())
        {
            if (deadlockReport is not null)
                throw new SimulationDeadlockException("Deadlock: every live process is blocked and no timer is pending\n" + deadlockReport);
            CollectLeaks();
            return p.WaitStatus;
        }
    }

    /// <summary>Call with the Gate held. Creates a process and starts its thread (Run, fork).</summary>
    internal SimProcess StartProcess(SimProcess parent, Func<int> body)
    {
        Debug.Assert(Monitor.IsEntered(Gate), "Call with the Gate held");
        var p = NewProcess(parent, foreign: false);
        StartThread(p, body);
        return p;
    }

    /// <summary>Call with the Gate held. Gives a new process its thread, running <paramref name="body"/> as its main.</summary>
    internal void StartThread(SimProcess p, Func<int> body)
    {
        Debug.Assert(Monitor.IsEntered(Gate), "Call with the Gate held");
        managedAlive++;
        p.Thread = new Thread(() => ProcessMain(p, body)) { IsBackground = true, Name = "pid " + p.Pid };
        p.Thread.Start();
    }

    /// <summary>Call with the Gate held.</summary>
    internal SimProcess NewProcess(SimProcess parent, bool foreign)
    {
        var p = new SimProcess(this, nextPid++, parent, foreign);
        processes.Add(p.Pid, p);
        parent.Children.Add(p);
        Scheduler.Recount(p);
        return p;
    }

    internal SimProcess? FindProcess(int pid) => processes.TryGetValue(pid, out var p) ? p : null;

    internal IEnumerable<SimProcess> LiveProcesses() => processes.Values.Where(p => p.IsAlive && p != Init);

    internal SimProcess JoinForeignThread()
    {
        using (EnterGate())
        {
            var p = NewProcess(Init, foreign: true);
            p.Thread = Thread.CurrentThread;
            foreignProcesses.Add(p);
            p.BindCurrentThread();
            return p;
        }
    }

    /// <summary>Call with the Gate held. A thread that joined from outside and has ended is a process that exited.</summary>
    internal void ReapDeadForeignProcesses()
    {
        foreach (var p in foreignProcesses.ToArray())
        {
            if (p.Thread is { IsAlive: false }) ExitLocked(p, Libc.ExitedStatus(0));
        }
    }

    private void ProcessMain(SimProcess p, Func<int> body)
    {
        p.BindCurrentThread();
        int status;
        try
        {
            status = Libc.ExitedStatus(body());
        }
        catch (ProcessExitException e)
        {
            status = e.WaitStatus;
        }
#pragma warning disable CA1031 // a process that throws dies of SIGABRT, as an uncaught C++ exception would
        catch (Exception e)
#pragma warning restore CA1031
        {
            using (EnterGate()) Stderr.WriteLine("pid " + p.Pid + ": unhandled exception, aborting: " + e);
            status = Libc.SignaledStatus(Libc.SIGABRT);
        }

        ExitProcess(p, status);
        SimProcess.UnbindCurrentThread();
    }

    internal void ExitProcess(SimProcess p, int waitStatus)
    {
        using (EnterGate()) ExitLocked(p, waitStatus);
    }

    /// <summary>do_exit(): release everything, become a zombie, tell the parent. Call with the Gate held.</summary>
    private void ExitLocked(SimProcess p, int waitStatus)
    {
        if (!p.IsAlive) return;
        p.WaitStatus = p.DyingStatus ?? waitStatus;
        p.DyingStatus ??= p.WaitStatus; // any other thread of the process unwinds too
        p.ReleaseResources();
        p.State = ProcessState.Zombie;
        Scheduler.WakeToDie(p);
        foreignProcesses.Remove(p);

        foreach (var child in p.Children)
        {
            child.Parent = Init;
            Init.Children.Add(child);
            if (child.State == ProcessState.Zombie) Reap(child);
        }

        p.Children.Clear();
        var parent = p.Parent ?? Init;
        if (parent == Init || !parent.IsAlive) Reap(p);
        else NotifyParent(parent, p);

        Scheduler.Recount(p);
        if (!p.IsForeign && --managedAlive == 0) simulationEnded.Set();
    }

    /// <summary>Call with the Gate held. The zombie's status has been collected: forget it.</summary>
    internal void Reap(SimProcess zombie)
    {
        zombie.State = ProcessState.Reaped;
        zombie.Parent?.Children.Remove(zombie);
        processes.Remove(zombie.Pid);
    }

    /// <summary>A child became a zombie: wake the parent's wait() and send SIGCHLD.</summary>
    partial void NotifyParent(SimProcess parent, SimProcess child);

    /// <summary>Call with the Gate held. Every live process is blocked and nothing can wake one.</summary>
    internal void OnDeadlock(string report)
    {
        deadlockReport ??= report;
        foreach (var p in LiveProcesses().ToArray())
        {
            if (p.Waiters.Count == 0) continue;
            p.DyingStatus ??= Libc.SignaledStatus(Libc.SIGKILL);
            p.DyingReport ??= "Deadlock: every live process is blocked and no timer is pending\n" + report;
            Scheduler.WakeToDie(p);
        }
    }

    private string KillEverything()
    {
        string report;
        using (EnterGate())
        {
            report = "The simulation ran past its watchdog (" + Options.Watchdog + ")\n" + Scheduler.DescribeAll();
            foreach (var p in LiveProcesses().Where(p => !p.IsForeign).ToArray())
            {
                p.DyingStatus ??= Libc.SignaledStatus(Libc.SIGKILL);
                Scheduler.WakeToDie(p);
            }
        }

        simulationEnded.Wait(TimeSpan.FromSeconds(5));
        return report;
    }
}
