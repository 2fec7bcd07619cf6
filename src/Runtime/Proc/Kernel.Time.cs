using System.Diagnostics;

namespace IpcSim;

// The process-model work (issue 3). Mirrors kernel/time: hrtimer_nanosleep() and alarm_setitimer().
public sealed partial class Kernel
{
    private const long NsPerSecond = 1_000_000_000;

    /// <summary>Call with the Gate held. The absolute deadline <paramref name="seconds"/> s + <paramref name="nanoseconds"/> ns from now; NoDeadline when it would overflow (KTIME_MAX: forever).</summary>
    internal long DeadlineAfter(long seconds, long nanoseconds)
    {
        Debug.Assert(Monitor.IsEntered(Gate), "Call with the Gate held");
        var now = Clock.NowNs;
        if (seconds > (Scheduler.NoDeadline - 1 - now - nanoseconds) / NsPerSecond) return Scheduler.NoDeadline;
        return now + (seconds * NsPerSecond) + nanoseconds;
    }

    /// <summary>
    /// Sleeps until <paramref name="deadlineNs"/>: 0 when it passed, or -ERESTARTNOHAND when a signal
    /// is pending, with the time that was left (nanosleep restarts itself if no handler runs).
    /// </summary>
    internal int SleepUntil(SimProcess p, long deadlineNs, out long remainingNs)
    {
        using (EnterGate())
        {
            while (true)
            {
                remainingNs = deadlineNs == Scheduler.NoDeadline ? long.MaxValue : Math.Max(0, deadlineNs - Clock.NowNs);
                if (p.SignalPending) return -Libc.ERESTARTNOHAND;
                if (Scheduler.Block(p, null, "nanosleep", deadlineNs) == WakeReason.Timeout) return 0;
            }
        }
    }

    /// <summary>
    /// alarm(): one ITIMER_REAL per process, which sends SIGALRM when it expires. Returns the seconds
    /// left of the previous alarm, rounded as alarm_setitimer() does (never 0 for one still pending).
    /// </summary>
    internal uint Alarm(SimProcess p, uint seconds)
    {
        using (EnterGate())
        {
            uint left = 0;
            if (p.AlarmTimer is { Cancelled: false } previous)
            {
                var remainingNs = Math.Max(1000, previous.DueNs - Clock.NowNs);
                var secs = remainingNs / NsPerSecond;
                var usecs = remainingNs % NsPerSecond / 1000;
                if ((secs == 0 && usecs != 0) || usecs >= 500_000) secs++;
                left = (uint)Math.Min(secs, uint.MaxValue);
                previous.Cancel();
            }

            p.AlarmTimer = null;
            if (seconds > 0)
            {
                p.AlarmTimer = Clock.Add(DeadlineAfter(seconds, 0), timer =>
                {
                    if (p.AlarmTimer == timer) p.AlarmTimer = null;
                    SendSignal(p, Libc.SIGALRM);
                });
            }

            return left;
        }
    }
}
