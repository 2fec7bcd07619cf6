namespace IpcSim.Tests.Syscalls.Kill;

using IpcSim.Tests.Kernel;

public class KillTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(65)]
    [InlineData(1000)]
    [InlineData(int.MinValue)]
    public void Kill_with_an_unknown_signal_fails_with_EINVAL(int sig)
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(EINVAL, () => kill(getpid(), sig));
            ErrnoAssert.Fails(EINVAL, () => raise(sig));
        });
    }

    [Theory]
    [InlineData(99999)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(-99999)]
    public void Kill_of_a_process_or_group_that_does_not_exist_fails_with_ESRCH(int pid)
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(ESRCH, () => kill(pid, SIGTERM));
            ErrnoAssert.Fails(ESRCH, () => kill(pid, 0));
        });
    }

    [Fact]
    public void Kill_by_a_non_root_caller_of_another_users_process_fails_with_EPERM()
    {
        int signalErrno = 0, probeErrno = 0, ownErrno = -1;
        Sim.Run(() =>
        {
            var root = getpid();
            var child = fork(() =>
            {
                Probe.BecomeUser(1000);
                if (kill(root, SIGTERM) == -1) signalErrno = errno;
                if (kill(root, 0) == -1) probeErrno = errno;
                var sibling = fork(() => { pause(); }); // same user: allowed
                sleep(1);
                ownErrno = kill(sibling, SIGTERM) == 0 ? 0 : errno;
                waitpid(sibling, out _, 0);
            });
            Probe.Reap(child);
        });
        Assert.Equal(EPERM, signalErrno);
        Assert.Equal(EPERM, probeErrno);
        Assert.Equal(0, ownErrno);
    }

    [Fact]
    public void Root_may_signal_any_users_process()
    {
        Sim.Run(() =>
        {
            var child = fork(() =>
            {
                Probe.BecomeUser(1000);
                pause();
            });
            sleep(1);
            Assert.Equal(0, kill(child, SIGTERM));
            Assert.Equal(SIGTERM, WTERMSIG(Probe.Reap(child)));
        });
    }

    [Fact]
    public void Kill_with_signal_0_checks_that_the_process_exists()
    {
        Sim.Run(() =>
        {
            var child = fork(() => { sleep(1); });
            Assert.Equal(0, kill(child, 0));
            Probe.Reap(child);
            ErrnoAssert.Fails(ESRCH, () => kill(child, 0));
        });
    }

    [Fact]
    public void Kill_0_signals_every_process_of_the_callers_group_including_the_caller()
    {
        var handledIn = new List<int>();
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => { lock (handledIn) handledIn.Add(getpid()); });
            var a = fork(() => { pause(); });
            var b = fork(() => { pause(); });
            sleep(1);
            Assert.Equal(0, kill(0, SIGUSR1));
            Assert.Contains(getpid(), handledIn); // delivered to the caller before kill returned
            Assert.True(WIFEXITED(Probe.Reap(a)));
            Assert.True(WIFEXITED(Probe.Reap(b)));
            Assert.Equal(3, handledIn.Count);
            Assert.Equal(0, kill(-getpid(), 0)); // the group, named by its leader's pid
        });
    }

    [Fact]
    public void Kill_minus_1_signals_every_other_process_but_not_the_caller()
    {
        var handledIn = new List<int>();
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => { lock (handledIn) handledIn.Add(getpid()); });
            var a = fork(() => { pause(); });
            var b = fork(() => { pause(); });
            sleep(1);
            Assert.Equal(0, kill(-1, SIGUSR1));
            Probe.Reap(a);
            Probe.Reap(b);
            Assert.DoesNotContain(getpid(), handledIn);
            Assert.Equal(2, handledIn.Count);
            ErrnoAssert.Fails(ESRCH, () => kill(-1, SIGUSR1), "nobody else is left");
        });
    }

    [Fact]
    public void Signals_sent_to_init_are_discarded()
    {
        Sim.Run(() =>
        {
            Assert.Equal(0, kill(1, SIGKILL));
            Assert.Equal(0, kill(1, SIGTERM));
            var child = fork(() => { sleep(1); }); // init still adopts and reaps orphans
            Probe.Reap(child);
        });
    }

    [Fact]
    public void Raise_runs_the_handler_before_it_returns()
    {
        var ran = false;
        var seenAfterRaise = false;
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR2, _ => ran = true);
            Assert.Equal(0, raise(SIGUSR2));
            seenAfterRaise = ran;
        });
        Assert.True(seenAfterRaise);
    }
}
