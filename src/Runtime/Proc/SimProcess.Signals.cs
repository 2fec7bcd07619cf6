using System.Diagnostics;

namespace IpcSim;

// Owned by the signals work (issue 3): dispositions, the pending set and mask, delivery.
internal sealed partial class SimProcess
{
    private readonly SignalAction[] actions = CreateDefaultActions();
    private WaitQueue? stopQueue;

    /// <summary>Standard signals pending (one bit each: a standard signal does not queue twice).</summary>
    internal ulong PendingSignals { get; private set; }

    /// <summary>The blocked mask (sigprocmask). Never contains SIGKILL or SIGSTOP.</summary>
    internal ulong BlockedSignals { get; private set; }

    /// <summary>The pending alarm() (ITIMER_REAL), if any.</summary>
    internal KernelTimer? AlarmTimer { get; set; }

    /// <summary>Stopped by SIGSTOP/SIGTSTP/SIGTTIN/SIGTTOU until SIGCONT (or SIGKILL).</summary>
    internal bool Stopped { get; private set; }

    /// <summary>The signal that stopped it, until a waitpid(WUNTRACED) has reported the stop.</summary>
    internal int UnreportedStopSignal { get; set; }

    /// <summary>Continued by SIGCONT, until a waitpid(WCONTINUED) has reported it.</summary>
    internal bool UnreportedContinue { get; set; }

    private WaitQueue StopQueue => stopQueue ??= new WaitQueue("SIGCONT");

    /// <summary>Call with the Gate held.</summary>
    internal SignalAction ActionOf(int sig) => actions[sig];

    /// <summary>
    /// Call with the Gate held. sig_ignored(): a signal that would be discarded on arrival.
    /// Blocked signals are never ignored, since the handler may change before they are unblocked.
    /// </summary>
    internal bool IgnoresSignal(int sig)
    {
        if ((BlockedSignals & SignalBits.Bit(sig)) != 0) return false;
        return IsIgnoredDisposition(sig, actions[sig]);
    }

    private static bool IsIgnoredDisposition(int sig, SignalAction action) =>
        action.IsIgnore || (action.IsDefault && SignalBits.DefaultActionOf(sig) == DefaultAction.Ignore);

    /// <summary>Call with the Gate held. do_sigaction(): installing an ignoring action discards that signal if pending.</summary>
    internal void SetAction(int sig, SignalAction action)
    {
        AssertGate();
        actions[sig] = action with { Mask = action.Mask & ~SignalBits.KernelOnly };
        if (IsIgnoredDisposition(sig, action)) PendingSignals &= ~SignalBits.Bit(sig);
        RecalcSignalPending();
    }

    /// <summary>Call with the Gate held. set_current_blocked(): SIGKILL and SIGSTOP cannot be blocked.</summary>
    internal void SetBlocked(ulong mask)
    {
        AssertGate();
        BlockedSignals = mask & ~SignalBits.KernelOnly;
        RecalcSignalPending();
    }

    /// <summary>Call with the Gate held. Adds a signal to the pending set.</summary>
    internal void MakePending(int sig)
    {
        AssertGate();
        PendingSignals |= SignalBits.Bit(sig);
        RecalcSignalPending();
    }

    /// <summary>Call with the Gate held. Discards pending signals (SIGCONT discards stops and vice versa).</summary>
    internal void DiscardPending(ulong set)
    {
        AssertGate();
        PendingSignals &= ~set;
        RecalcSignalPending();
    }

    /// <summary>Call with the Gate held. SIGCONT: a stopped process runs again.</summary>
    internal void Continue()
    {
        AssertGate();
        if (!Stopped) return;
        Stopped = false;
        Kernel.Scheduler.WakeAll(StopQueue);
    }

    /// <summary>recalc_sigpending(): kept exact on every change of the pending set or the mask.</summary>
    private void RecalcSignalPending() => SignalPending = (PendingSignals & ~BlockedSignals) != 0;

    /// <summary>
    /// The return-to-user path: runs the handlers of pending, unblocked signals on this thread
    /// (outside the Gate), or kills the process for a fatal default action. Returns true when
    /// the interrupted call should be restarted: every handler that ran had SA_RESTART.
    /// </summary>
    internal bool DeliverSignals() => DeliverSignals(out _);

    /// <summary>As <see cref="DeliverSignals()"/>; <paramref name="ranHandler"/> tells whether any handler ran
    /// (calls the kernel restarts when none did: pause, sigsuspend, nanosleep).</summary>
    internal bool DeliverSignals(out bool ranHandler)
    {
        Debug.Assert(!Monitor.IsEntered(Kernel.Gate), "Handlers run outside the Gate");
        ranHandler = false;
        var restart = true;
        while (NextHandler() is { } delivery)
        {
            ranHandler = true;
            restart &= delivery.Action.Restarts;
            try
            {
                delivery.Action.Handler(delivery.Signal);
            }
            finally
            {
                // sigreturn: the mask from before the handler comes back.
                using (Kernel.EnterGate()) SetBlocked(delivery.SavedMask);
            }
        }

        return restart;
    }

    /// <summary>
    /// get_signal(): dequeues pending, unblocked signals until one has a handler to run, which it
    /// sets up (blocks sa_mask and, without SA_NODEFER, the signal; SA_RESETHAND resets it).
    /// Default actions happen here: ignore, stop until SIGCONT, or die.
    /// </summary>
    private Delivery? NextHandler()
    {
        using (Kernel.EnterGate())
        {
            while (true)
            {
                ThrowIfDying();
                var deliverable = PendingSignals & ~BlockedSignals;
                if (deliverable == 0)
                {
                    RecalcSignalPending();
                    return null;
                }

                // SIGKILL and SIGSTOP first (the kernel's synchronous-first order does the same for us), then lowest number.
                var sig = (deliverable & SignalBits.KernelOnly) != 0
                    ? SignalBits.Lowest(deliverable & SignalBits.KernelOnly)
                    : SignalBits.Lowest(deliverable);
                PendingSignals &= ~SignalBits.Bit(sig);
                RecalcSignalPending();
                var action = actions[sig];
                if (action.IsIgnore) continue;
                if (action.IsDefault)
                {
                    switch (SignalBits.DefaultActionOf(sig))
                    {
                        case DefaultAction.Ignore:
                            continue;
                        case DefaultAction.Stop:
                            StopUntilContinued(sig);
                            continue;
                        default:
                            DyingStatus ??= Libc.SignaledStatus(sig);
                            Kernel.Scheduler.WakeToDie(this);
                            continue; // ThrowIfDying unwinds the process
                    }
                }

                var saved = BlockedSignals;
                var during = saved | action.Mask;
                if ((action.Flags & Libc.SA_NODEFER) == 0) during |= SignalBits.Bit(sig);
                SetBlocked(during);
                if ((action.Flags & Libc.SA_RESETHAND) != 0) actions[sig] = action with { Handler = Libc.SIG_DFL };
                return new Delivery(sig, action, saved);
            }
        }
    }

    /// <summary>do_signal_stop(): tell the parent, then sleep until SIGCONT (SIGKILL ends the sleep by killing).</summary>
    private void StopUntilContinued(int sig)
    {
        Stopped = true;
        UnreportedStopSignal = sig;
        UnreportedContinue = false;
        Kernel.NotifyParentOfStateChange(this);
        while (Stopped) Kernel.Scheduler.Block(this, StopQueue, "stopped by " + SignalBits.Name(sig) + ", waiting", interruptible: false);
    }

    partial void OnForkSignals(SimProcess child)
    {
        Array.Copy(actions, child.actions, actions.Length);
        child.BlockedSignals = BlockedSignals; // not the pending set, not the alarm
    }

    partial void OnExitSignals()
    {
        AlarmTimer?.Cancel();
        AlarmTimer = null;
        PendingSignals = 0;
        Stopped = false;
        RecalcSignalPending();
    }

    private void AssertGate() => Debug.Assert(Monitor.IsEntered(Kernel.Gate), "Call with the Gate held");

    private static SignalAction[] CreateDefaultActions()
    {
        var table = new SignalAction[Libc.NSIG];
        Array.Fill(table, SignalAction.Default);
        return table;
    }

    private sealed record Delivery(int Signal, SignalAction Action, ulong SavedMask);
}
