using System.Diagnostics;

namespace IpcSim;

/// <summary>
/// The kernel's clock and its timers. Virtual by default: time stands still while any process
/// runs and jumps to the next timer once every live process is blocked or asleep, so programs
/// that sleep run at full speed and the same way every time. Every member is called with the
/// kernel's Gate held.
/// </summary>
internal sealed class Clock
{
    private const long NsPerSecond = 1_000_000_000;
    private readonly Kernel kernel;
    private readonly long bootNs;
    private readonly Stopwatch sinceBoot = Stopwatch.StartNew();
    private readonly PriorityQueue<KernelTimer, long> timers = new();
    private long virtualElapsedNs;
    private Thread? timerThread;

    internal Clock(Kernel kernel, bool real, DateTimeOffset? bootTime)
    {
        this.kernel = kernel;
        IsReal = real;
#pragma warning disable RS0030 // the one place the host's time is read: the boot instant
        var boot = bootTime ?? DateTimeOffset.UtcNow;
#pragma warning restore RS0030
        bootNs = (boot.ToUnixTimeMilliseconds() * 1_000_000) + (boot.Ticks % TimeSpan.TicksPerMillisecond * 100);
    }

    internal bool IsReal { get; }

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    internal long NowNs => bootNs + (IsReal ? (long)(sinceBoot.Elapsed.Ticks * 100) : virtualElapsedNs);

    /// <summary>time(2): seconds since the epoch, as the *_time fields hold.</summary>
    internal long NowSeconds => NowNs / NsPerSecond;

    internal KernelTimer Add(long dueNs, Action<KernelTimer> fire)
    {
        var timer = new KernelTimer(dueNs, fire);
        timers.Enqueue(timer, dueNs);
        if (IsReal || kernel.HasForeignProcesses) EnsureTimerThread();
        Monitor.PulseAll(kernel.Gate); // the timer thread, if any, re-reads the earliest deadline
        return timer;
    }

    internal bool HasPendingTimers => PeekLive() is not null;

    /// <summary>Virtual clock only: jump to the earliest timer and fire every timer then due.</summary>
    internal void JumpToNextTimer()
    {
        var next = PeekLive();
        if (next is null) return;
        virtualElapsedNs = Math.Max(virtualElapsedNs, next.DueNs - bootNs);
        FireDue();
    }

    private void FireDue()
    {
        while (PeekLive() is { } t && t.DueNs <= NowNs)
        {
            timers.Dequeue();
            t.Cancel(); // fired: a later Cancel by its owner is a no-op
            t.Fire(t);
        }
    }

    private KernelTimer? PeekLive()
    {
        while (timers.TryPeek(out var t, out _))
        {
            if (!t.Cancelled) return t;
            timers.Dequeue();
        }

        return null;
    }

    private void EnsureTimerThread()
    {
        if (timerThread is not null) return;
        timerThread = new Thread(TimerLoop) { IsBackground = true, Name = "IpcSim timers" };
        timerThread.Start();
    }

    // Fires timers at their real time. With the real clock this is how time passes; with the
    // virtual clock it only runs for kernels that threads from outside joined (Kernel.Default),
    // whose liveness the scheduler cannot see, so a sleep never lasts longer than its real time.
    private void TimerLoop()
    {
        lock (kernel.Gate)
        {
            while (true)
            {
                var next = PeekLive();
                if (next is null)
                {
                    Monitor.Wait(kernel.Gate);
                    continue;
                }

                var waitNs = next.DueNs - NowNs;
                if (waitNs > 0)
                {
                    var started = Stopwatch.GetTimestamp();
                    Monitor.Wait(kernel.Gate, TimeSpan.FromTicks(Math.Max(1, Math.Min(waitNs / 100, TimeSpan.TicksPerDay))));
                    if (!IsReal && Stopwatch.GetElapsedTime(started).Ticks * 100 >= waitNs && PeekLive() == next)
                        virtualElapsedNs = Math.Max(virtualElapsedNs, next.DueNs - bootNs);
                }

                FireDue();
            }
        }
    }
}
