namespace IpcSim.Tests.Syscalls.Signal;

using IpcSim.Tests.Kernel;

public class SigprocmaskTests
{
    [Fact]
    public void A_blocked_signal_stays_pending_and_is_delivered_before_sigprocmask_unblocks_it()
    {
        var handled = 0;
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => handled++);
            Assert.Equal(0, sigprocmask(SIG_BLOCK, Probe.Set(SIGUSR1), null));
            raise(SIGUSR1);
            raise(SIGUSR1); // a standard signal does not queue twice
            getpid();
            Assert.Equal(0, handled);
            Assert.Equal(0, sigprocmask(SIG_UNBLOCK, Probe.Set(SIGUSR1), null));
            Assert.Equal(1, handled);
        });
    }

    [Fact]
    public void SIG_BLOCK_SIG_UNBLOCK_and_SIG_SETMASK_change_the_mask_and_return_the_old_one()
    {
        Sim.Run(() =>
        {
            var old = new SigSet();
            sigprocmask(SIG_BLOCK, Probe.Set(SIGUSR1), old);
            Assert.Equal(0, sigismember(old, SIGUSR1));
            sigprocmask(SIG_BLOCK, Probe.Set(SIGUSR2), old);
            Assert.Equal(1, sigismember(old, SIGUSR1));
            sigprocmask(SIG_UNBLOCK, Probe.Set(SIGUSR1), old);
            Assert.Equal(1, sigismember(old, SIGUSR2));
            var now = Probe.CurrentMask();
            Assert.Equal(0, sigismember(now, SIGUSR1));
            Assert.Equal(1, sigismember(now, SIGUSR2));
            sigprocmask(SIG_SETMASK, Probe.Set(SIGTERM), null);
            now = Probe.CurrentMask();
            Assert.Equal(0, sigismember(now, SIGUSR2));
            Assert.Equal(1, sigismember(now, SIGTERM));

            var same = Probe.Set(SIGHUP); // set and oldset may be the same object
            sigprocmask(SIG_SETMASK, same, same);
            Assert.Equal(1, sigismember(same, SIGTERM));
            Assert.Equal(1, sigismember(Probe.CurrentMask(), SIGHUP));
        });
    }

    [Fact]
    public void SIGKILL_and_SIGSTOP_cannot_be_blocked()
    {
        Sim.Run(() =>
        {
            var all = new SigSet();
            sigfillset(all);
            sigprocmask(SIG_SETMASK, all, null);
            var now = Probe.CurrentMask();
            Assert.Equal(0, sigismember(now, SIGKILL));
            Assert.Equal(0, sigismember(now, SIGSTOP));
            Assert.Equal(1, sigismember(now, SIGTERM));
        });
    }

    [Fact]
    public void Sigprocmask_with_an_unknown_how_fails_with_EINVAL_only_when_a_set_is_given()
    {
        Sim.Run(() =>
        {
            var old = Probe.Set(SIGUSR1);
            ErrnoAssert.Fails(EINVAL, () => sigprocmask(7, Probe.Set(SIGTERM), old));
            Assert.Equal(1, sigismember(old, SIGUSR1)); // untouched on failure
            Assert.Equal(0, sigprocmask(7, null, old));
            Assert.Equal(0, sigismember(old, SIGUSR1));
            Assert.Equal(0, sigprocmask(SIG_BLOCK, null, null));
        });
    }

    [Fact]
    public void A_blocked_signal_with_a_fatal_default_kills_when_unblocked()
    {
        Sim.Run(() =>
        {
            var child = fork(() =>
            {
                sigprocmask(SIG_BLOCK, Probe.Set(SIGTERM), null);
                raise(SIGTERM);
                sleep(1); // still alive
                sigprocmask(SIG_UNBLOCK, Probe.Set(SIGTERM), null);
                return 1;
            });
            Assert.Equal(SIGTERM, WTERMSIG(Probe.Reap(child)));
        });
    }

    [Fact]
    public void Null_sets_give_Linux_errors_not_exceptions()
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(EFAULT, () => sigemptyset(null!));
            ErrnoAssert.Fails(EFAULT, () => sigaddset(null!, SIGUSR1));
            ErrnoAssert.Fails(EFAULT, () => sigsuspend(null!));
            ErrnoAssert.Fails(EFAULT, () => nanosleep(null!, null));
            Assert.Equal(0, sigaction(SIGUSR1, new SigAction { sa_handler = SIG_IGN, sa_mask = null! }, new SigAction { sa_mask = null! }));
        });
    }
}
