using System.Diagnostics;
using System.Text;

namespace IpcSim;

/// <summary>
/// Puts simulated processes to sleep and wakes them, and knows when every live process is
/// blocked: then it advances the virtual clock to the next timer, or, with no timer pending,
/// reports a deadlock instead of letting the simulation hang. Every member is called with the
/// kernel's Gate held.
/// </summary>
internal sealed class Scheduler
{
    internal const long NoDeadline = long.MaxValue;

    [ThreadStatic] private static Waiter? cachedWaiter;

    // wake_q: inside a GateScope, woken sleepers are signalled once the Gate is released.
    [ThreadStatic] private static int deferDepth;
    [ThreadStatic] private static List<Waiter>? deferred;

    // The waiter the calling thread is about to sleep on: waking it needs no signal (it checks Reason before sleeping),
    // and a deferred signal would reach the waiter after it was reused for a later sleep.
    [ThreadStatic] private static Waiter? ownWaiter;

    private readonly Kernel kernel;
    private int runnable;

    internal Scheduler(Kernel kernel) => this.kernel = kernel;

    /// <summary>
    /// Blocks the calling thread of <paramref name="p"/> until a waker calls <see cref="Wake"/>,
    /// the deadline passes, or (when <paramref name="interruptible"/>) a signal arrives. The Gate
    /// is released while asleep and held again on return. Callers loop: re-check their condition
    /// (and the object's deletion, for EIDRM) after every Woken. If the process is killed while
    /// asleep this throws <see cref="ProcessExitException"/> and the process unwinds.
    /// </summary>
    internal WakeReason Block(SimProcess p, WaitQueue? queue, string what, long deadlineNs = NoDeadline,
        bool interruptible = true, object? request = null) =>
        Block(p, queue, what, deadlineNs, interruptible, request, out _);

    /// <summary>As <see cref="Block(SimProcess, WaitQueue?, string, long, bool, object?)"/>, also giving the waker's result.</summary>
    internal WakeReason Block(SimProcess p, WaitQueue? queue, string what, long deadlineNs, bool interruptible,
        object? request, out long result)
    {
        Debug.Assert(Monitor.IsEntered(kernel.Gate), "Call with the Gate held");
        p.ThrowIfDying();
        result = 0;
        if (interruptible && p.SignalPending) return WakeReason.Interrupted;
        if (deadlineNs != NoDeadline && deadlineNs <= kernel.Clock.NowNs) return WakeReason.Timeout;

        var w = cachedWaiter ?? new Waiter(p);
        cachedWaiter = null;
        w.Reset(p, what, request);
        queue?.Enqueue(w);
        if (deadlineNs != NoDeadline)
            w.Timer = kernel.Clock.Add(deadlineNs, _ => Wake(w, WakeReason.Timeout));
        p.Waiters.Add(w);
        w.Interruptible = interruptible;
        ownWaiter = w;
        Recount(p); // the last runnable process going to sleep fires the next timer or reports a deadlock
        ownWaiter = null;

        if (w.Reason == WakeReason.None)
        {
            // Going to sleep releases the Gate: signal what this thread woke first (else they stay deferred to its GateScope's end).
            var wokenBeforeSleeping = TakeDeferredWakes();
            do
            {
                Monitor.Exit(kernel.Gate);
                Signal(wokenBeforeSleeping);
                wokenBeforeSleeping = null;
                try
                {
                    w.WaitForSignal();
                }
                finally
                {
                    Monitor.Enter(kernel.Gate);
                }
            }
            while (w.Reason == WakeReason.None);
        }

        var reason = w.Reason;
        result = w.Result;
        cachedWaiter = w;
        p.ThrowIfDying();
        return reason;
    }

    /// <summary>Wakes one sleeper (a no-op if it was already woken). The sleeper runs once it gets the Gate.</summary>
    internal void Wake(Waiter w, WakeReason reason, long result = 0)
    {
        if (w.Reason != WakeReason.None) return;
        w.Reason = reason;
        w.Result = result;
        w.Queue?.Remove(w);
        w.Timer?.Cancel();
        w.Process.Waiters.Remove(w);
        Recount(w.Process);
        if (w == ownWaiter) return;
        if (deferDepth > 0) (deferred ??= new List<Waiter>()).Add(w);
        else w.Signal();
    }

    internal static void BeginDeferredWakes() => deferDepth++;

    /// <summary>Leaving the outermost GateScope: the sleepers to signal once the Gate is released.</summary>
    internal static List<Waiter>? EndDeferredWakes() => --deferDepth == 0 ? TakeDeferredWakes() : null;

    private static List<Waiter>? TakeDeferredWakes()
    {
        if (deferred is not { Count: > 0 } list) return null;
        deferred = null;
        return list;
    }

    internal static void Signal(List<Waiter>? woken)
    {
        if (woken is null) return;
        foreach (var w in woken) w.Signal();
    }

    /// <summary>Wakes every sleeper of <paramref name="queue"/> (wake_up_all).</summary>
    internal void WakeAll(WaitQueue queue, WakeReason reason = WakeReason.Woken, long result = 0)
    {
        foreach (var w in queue.Snapshot()) Wake(w, reason, result);
    }

    /// <summary>A signal for <paramref name="p"/>: its interruptible sleeps return Interrupted.</summary>
    internal void Interrupt(SimProcess p)
    {
        foreach (var w in p.Waiters.ToArray())
        {
            if (w.Interruptible) Wake(w, WakeReason.Interrupted);
        }
    }

    /// <summary>Wakes every sleep of a dying process; each throws <see cref="ProcessExitException"/>.</summary>
    internal void WakeToDie(SimProcess p)
    {
        foreach (var w in p.Waiters.ToArray()) Wake(w, WakeReason.Woken);
    }

    /// <summary>
    /// Keeps the count of runnable processes: alive, and no thread of theirs asleep in the kernel.
    /// Call after anything that changes either.
    /// </summary>
    internal void Recount(SimProcess p)
    {
        var shouldCount = p.IsAlive && p.Waiters.Count == 0;
        if (shouldCount == p.CountedRunnable) return;
        p.CountedRunnable = shouldCount;
        runnable += shouldCount ? 1 : -1;
        if (runnable == 0) CheckIdle();
    }

    /// <summary>When nothing can run: fire the next timer, or report a deadlock.</summary>
    internal void CheckIdle()
    {
        if (runnable > 0 && kernel.HasForeignProcesses) kernel.ReapDeadForeignProcesses();
        if (runnable > 0) return;
        while (kernel.Clock.HasPendingTimers)
        {
            if (kernel.Clock.IsReal) return;
            kernel.Clock.JumpToNextTimer();

            // A timer may fire without waking anyone (an alarm whose SIGALRM is blocked): then the
            // next one is due, or, with none left, this is a deadlock.
            if (runnable > 0) return;
        }

        if (kernel.LiveProcesses().Any(p => p.Waiters.Count > 0)) kernel.OnDeadlock(DescribeAll());
    }

    /// <summary>Every live process and what it waits on: the body of deadlock and watchdog reports.</summary>
    internal string DescribeAll()
    {
        var sb = new StringBuilder();
        foreach (var p in kernel.LiveProcesses())
        {
            sb.Append("  pid ").Append(p.Pid).Append(": ");
            if (p.Waiters.Count == 0)
            {
                sb.Append("running");
            }
            else
            {
                sb.Append("blocked in ").Append(string.Join(", ", p.Waiters.Select(w =>
                    w.Queue is null ? w.What : w.What + " on " + w.Queue.Description)));
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }
}
