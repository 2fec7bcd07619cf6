namespace IpcSim.Tests.Syscalls.Sleep;

using IpcSim.Tests.Kernel;

public class AlarmTests
{
    [Fact]
    public void Alarm_delivers_SIGALRM_after_its_seconds()
    {
        var handled = 0;
        Sim.Run(() =>
        {
            Probe.Handle(SIGALRM, _ => handled++);
            var start = Probe.NowNs();
            Assert.Equal(0u, alarm(5));
            ErrnoAssert.Fails(EINTR, () => pause());
            Assert.Equal(5 * Probe.NsPerSecond, Probe.NowNs() - start);
            Assert.Equal(0u, alarm(0)); // it fired: none is left
        });
        Assert.Equal(1, handled);
    }

    [Fact]
    public void Alarm_returns_the_seconds_left_of_the_previous_alarm_and_alarm_0_cancels_it()
    {
        var handled = 0;
        Sim.Run(() =>
        {
            Probe.Handle(SIGALRM, _ => handled++);
            Assert.Equal(0u, alarm(10));
            Assert.Equal(0u, sleep(3));
            Assert.Equal(7u, alarm(2)); // one alarm per process: this replaces it
            Assert.Equal(2u, alarm(0));
            Assert.Equal(0u, sleep(20)); // nothing interrupts it
        });
        Assert.Equal(0, handled);
    }

    [Fact]
    public void Alarm_with_the_default_action_terminates_the_process_with_SIGALRM()
    {
        Sim.Run(() =>
        {
            var child = fork(() =>
            {
                alarm(1);
                while (true) pause();
            });
            Assert.Equal(SIGALRM, WTERMSIG(Probe.Reap(child)));
        });
    }

    [Fact]
    public void A_blocked_SIGALRM_does_not_stall_the_virtual_clock()
    {
        var ranAt = 0L;
        Sim.Run(() =>
        {
            Probe.Handle(SIGALRM, _ => ranAt = Probe.NowNs());
            sigprocmask(SIG_BLOCK, Probe.Set(SIGALRM), null);
            var start = Probe.NowNs();
            alarm(1);
            Assert.Equal(0u, sleep(5)); // the alarm fires at 1 s and wakes nobody; the clock moves on
            Assert.Equal(0L, ranAt);
            sigprocmask(SIG_UNBLOCK, Probe.Set(SIGALRM), null);
            Assert.Equal(start + (5 * Probe.NsPerSecond), ranAt);
        });
    }
}
