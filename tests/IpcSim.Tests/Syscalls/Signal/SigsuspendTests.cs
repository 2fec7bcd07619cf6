namespace IpcSim.Tests.Syscalls.Signal;

using IpcSim.Tests.Kernel;

public class SigsuspendTests
{
    [Fact]
    public void Sigsuspend_waits_with_the_temporary_mask_runs_the_handler_under_it_and_restores_the_old_mask()
    {
        SigSet? inHandler = null;
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => inHandler = Probe.CurrentMask());
            sigprocmask(SIG_BLOCK, Probe.Set(SIGUSR1), null);
            var child = fork(() =>
            {
                sleep(1);
                kill(getppid(), SIGUSR1);
            });
            ErrnoAssert.Fails(EINTR, () => sigsuspend(Probe.Set(SIGUSR2)));
            var after = Probe.CurrentMask();
            Assert.Equal(1, sigismember(after, SIGUSR1));
            Assert.Equal(0, sigismember(after, SIGUSR2));
            Probe.Reap(child);
        });
        Assert.NotNull(inHandler);
        Assert.Equal(1, sigismember(inHandler, SIGUSR2));
        Assert.Equal(1, sigismember(inHandler, SIGUSR1));
    }

    [Fact]
    public void Sigsuspend_delivers_a_signal_that_was_pending_and_blocked_at_once()
    {
        var handled = 0;
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => handled++);
            sigprocmask(SIG_BLOCK, Probe.Set(SIGUSR1), null);
            raise(SIGUSR1);
            ErrnoAssert.Fails(EINTR, () => sigsuspend(new SigSet()));
        });
        Assert.Equal(1, handled);
    }

    [Fact]
    public void Sigsuspend_is_not_ended_by_a_signal_without_a_handler()
    {
        var handled = 0;
        long waited = 0;
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => handled++);
            // A blocked SIGCHLD with its default (ignore) action stays pending; sigsuspend unblocks
            // it, it is discarded without a handler, and sigsuspend goes on waiting (ERESTARTNOHAND).
            sigprocmask(SIG_BLOCK, Probe.Set(SIGCHLD, SIGUSR1), null);
            var start = Probe.NowNs();
            var exiting = fork(() => 0);
            var signaller = fork(() =>
            {
                sleep(2);
                kill(getppid(), SIGUSR1);
            });
            ErrnoAssert.Fails(EINTR, () => sigsuspend(new SigSet()));
            waited = Probe.NowNs() - start;
            Probe.Reap(exiting);
            Probe.Reap(signaller);
        });
        Assert.Equal(1, handled);
        Assert.Equal(2 * Probe.NsPerSecond, waited);
    }
}
