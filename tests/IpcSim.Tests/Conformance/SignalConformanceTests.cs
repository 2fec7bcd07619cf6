using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Conformance;

/// <summary>signal(7)/sigaction(2)/wait(2) behaviours checked against kernel/signal.c and kernel/exit.c.</summary>
public class SignalConformanceTests
{
    [ThreadStatic] private static int deliveries;

    private static SigSet Set(params int[] signals)
    {
        var s = new SigSet();
        sigemptyset(s);
        foreach (var sig in signals) sigaddset(s, sig);
        return s;
    }

    [Fact]
    public void A_standard_signal_sent_twice_while_blocked_is_delivered_once() => Sim.Run(() =>
    {
        deliveries = 0;
        signal(SIGUSR1, _ => deliveries++);
        Assert.Equal(0, sigprocmask(SIG_BLOCK, Set(SIGUSR1), null));
        Assert.Equal(0, kill(getpid(), SIGUSR1));
        Assert.Equal(0, kill(getpid(), SIGUSR1));
        Assert.Equal(0, deliveries);
        Assert.Equal(0, sigprocmask(SIG_UNBLOCK, Set(SIGUSR1), null));
        Assert.Equal(1, deliveries);
    });

    [Fact]
    public void Sigsuspend_returns_minus_1_with_EINTR_after_the_handler_and_restores_the_mask() => Sim.Run(() =>
    {
        deliveries = 0;
        signal(SIGUSR1, _ => deliveries++);
        sigprocmask(SIG_BLOCK, Set(SIGUSR1), null);
        kill(getpid(), SIGUSR1);
        ErrnoAssert.Fails(EINTR, () => sigsuspend(Set()));
        Assert.Equal(1, deliveries);
        var now = new SigSet();
        sigprocmask(SIG_BLOCK, null, now);
        Assert.Equal(1, sigismember(now, SIGUSR1));
    });

    [Fact]
    public void Sigprocmask_with_an_invalid_how_fails_with_EINVAL() => Sim.Run(() =>
    {
        ErrnoAssert.Fails(EINVAL, () => sigprocmask(7, Set(SIGUSR1), null));
    });

    [Fact]
    public void Kill_with_signal_0_probes_existence_and_a_zombie_still_exists() => Sim.Run(() =>
    {
        var child = fork(() => 0);
        Children.LetOthersRun();
        Assert.Equal(0, kill(child, 0));                            // a zombie until reaped
        Assert.Equal(child, waitpid(child, out _, 0));
        ErrnoAssert.Fails(ESRCH, () => kill(child, 0));
        ErrnoAssert.Fails(EINVAL, () => kill(getpid(), 65));
        ErrnoAssert.Fails(EINVAL, () => kill(getpid(), -1));
    });

    [Fact]
    public void Waitpid_for_a_process_that_is_not_a_child_fails_with_ECHILD() => Sim.Run(() =>
    {
        ErrnoAssert.Fails(ECHILD, () => waitpid(getppid(), out _, 0));
        ErrnoAssert.Fails(ECHILD, () => waitpid(-1, out _, 0));
        ErrnoAssert.Fails(ECHILD, () => waitpid(-1, out _, WNOHANG));
        var child = fork(() => 0);
        Assert.Equal(child, waitpid(child, out _, 0));
        ErrnoAssert.Fails(ECHILD, () => waitpid(child, out _, 0));
    });

    [Fact]
    public void With_SIGCHLD_ignored_children_are_reaped_at_once_and_wait_fails_with_ECHILD() => Sim.Run(() =>
    {
        signal(SIGCHLD, SIG_IGN);
        var child = fork(() => { sleep(1); });
        ErrnoAssert.Fails(ECHILD, () => waitpid(-1, out _, 0));   // blocks until the child is gone, then ECHILD
        ErrnoAssert.Fails(ESRCH, () => kill(child, 0));
    });

    [Fact]
    public void Waitpid_with_WNOHANG_returns_0_while_the_child_runs_then_its_pid_and_WTERMSIG() => Sim.Run(() =>
    {
        var child = fork(() => { pause(); });
        Assert.Equal(0, waitpid(child, out _, WNOHANG));
        Assert.Equal(0, kill(child, SIGTERM));
        Assert.Equal(child, waitpid(child, out var status, 0));
        Assert.True(WIFSIGNALED(status));
        Assert.False(WIFEXITED(status));
        Assert.Equal(SIGTERM, WTERMSIG(status));
    });

    [Fact]
    public void A_pending_signal_is_not_inherited_by_a_forked_child() => Sim.Run(() =>
    {
        deliveries = 0;
        signal(SIGUSR1, _ => deliveries++);
        sigprocmask(SIG_BLOCK, Set(SIGUSR1), null);
        kill(getpid(), SIGUSR1);
        var child = fork(() =>
        {
            deliveries = 0;
            sigprocmask(SIG_UNBLOCK, Set(SIGUSR1), null);
            return deliveries == 0 ? 0 : 1;
        });
        Assert.Equal(child, waitpid(child, out var status, 0));
        Assert.True(WIFEXITED(status));
        Assert.Equal(0, WEXITSTATUS(status));
        sigprocmask(SIG_UNBLOCK, Set(SIGUSR1), null);
        Assert.Equal(1, deliveries);
    });

    [Fact]
    public void A_handler_runs_with_its_own_signal_blocked_unless_SA_NODEFER() => Sim.Run(() =>
    {
        deliveries = 0;
        var nested = -1;
        signal(SIGUSR1, _ =>
        {
            if (deliveries++ == 0)
            {
                raise(SIGUSR1);
                nested = deliveries;                                 // the second delivery waits for the return
            }
        });
        raise(SIGUSR1);
        Assert.Equal(1, nested);
        Assert.Equal(2, deliveries);

        deliveries = 0;
        sigaction(SIGUSR1, new SigAction
        {
            sa_flags = SA_NODEFER,
            sa_handler = _ =>
            {
                if (deliveries++ == 0)
                {
                    raise(SIGUSR1);
                    nested = deliveries;                             // delivered inside the handler
                }
            },
        }, null);
        raise(SIGUSR1);
        Assert.Equal(2, nested);
        Assert.Equal(2, deliveries);
    });

    [Fact]
    public void Sigaction_returns_the_previous_handler_and_flags_in_oldact() => Sim.Run(() =>
    {
        Action<int> first = _ => { };
        Assert.Equal(0, sigaction(SIGUSR2, new SigAction { sa_handler = first, sa_flags = SA_RESTART }, null));
        var old = new SigAction();
        Assert.Equal(0, sigaction(SIGUSR2, new SigAction { sa_handler = SIG_IGN }, old));
        Assert.Same(first, old.sa_handler);
        Assert.Equal(SA_RESTART, old.sa_flags & SA_RESTART);
        var dflt = new SigAction();
        Assert.Equal(0, sigaction(SIGUSR1, null, dflt));
        Assert.Same(SIG_DFL, dflt.sa_handler);
    });

    [Fact]
    public void Alarm_returns_the_seconds_left_on_the_previous_alarm_and_alarm_0_cancels_it() => Sim.Run(() =>
    {
        Assert.Equal(0u, alarm(10));
        Assert.Equal(0u, sleep(3));
        Assert.Equal(7u, alarm(0));
        Assert.Equal(0u, alarm(0));
        Assert.Equal(0u, sleep(20));                                 // the cancelled SIGALRM never comes
    });
}
