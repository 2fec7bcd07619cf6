namespace IpcSim.Tests.Syscalls.Sleep;

using IpcSim.Tests.Kernel;

public class SleepTests
{
    [Fact]
    public void Sleep_returns_0_after_advancing_the_kernel_clock_by_its_seconds()
    {
        Sim.Run(() =>
        {
            var start = Probe.NowNs();
            Assert.Equal(0u, sleep(7));
            Assert.Equal(7 * Probe.NsPerSecond, Probe.NowNs() - start);
            Assert.Equal(0u, sleep(0));
        });
    }

    [Fact]
    public void Sleep_returns_the_seconds_left_when_a_handler_interrupts_it()
    {
        uint left = 0;
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => { }, SA_RESTART); // SA_RESTART never restarts sleep
            var child = fork(() =>
            {
                sleep(2);
                kill(getppid(), SIGUSR1);
            });
            left = sleep(10);
            Assert.Equal(EINTR, errno);
            Probe.Reap(child);
        });
        Assert.Equal(8u, left);
    }

    [Fact]
    public void Nanosleep_interrupted_by_a_handler_fails_with_EINTR_and_fills_rem()
    {
        var rem = new Timespec(-1, -1);
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => { });
            var child = fork(() =>
            {
                usleep(2_500_000);
                kill(getppid(), SIGUSR1);
            });
            ErrnoAssert.Fails(EINTR, () => nanosleep(new Timespec(10, 100), rem));
            Probe.Reap(child);
        });
        Assert.Equal(7, rem.tv_sec);
        Assert.Equal(500_000_100, rem.tv_nsec);
    }

    [Theory]
    [InlineData(0, -1)]
    [InlineData(0, 1_000_000_000)]
    [InlineData(-1, 0)]
    [InlineData(long.MinValue, 0)]
    public void Nanosleep_with_a_bad_timespec_fails_with_EINVAL(long sec, long nsec)
    {
        Sim.Run(() => ErrnoAssert.Fails(EINVAL, () => nanosleep(new Timespec(sec, nsec), null)));
    }

    [Fact]
    public void Nanosleep_is_not_ended_by_a_signal_that_runs_no_handler()
    {
        Sim.Run(() =>
        {
            var start = Probe.NowNs();
            var child = fork(() => sleep(10) == 0 ? 0 : 1);
            sleep(1);
            kill(child, SIGSTOP); // interrupts the sleep, stops the child, and SIGCONT resumes it: no handler ran
            sleep(1);
            kill(child, SIGCONT);
            Assert.Equal(0, WEXITSTATUS(Probe.Reap(child)));
            Assert.Equal(10 * Probe.NsPerSecond, Probe.NowNs() - start);
        });
    }

    [Fact]
    public void Usleep_sleeps_in_microseconds_and_rejects_a_negative_count()
    {
        Sim.Run(() =>
        {
            var start = Probe.NowNs();
            Assert.Equal(0, usleep(1500));
            Assert.Equal(1_500_000, Probe.NowNs() - start);
            ErrnoAssert.Fails(EINVAL, () => usleep(-1));
        });
    }

    [Fact]
    public void A_huge_nanosleep_sleeps_until_a_signal_instead_of_overflowing()
    {
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => { });
            var child = fork(() =>
            {
                sleep(1);
                kill(getppid(), SIGUSR1);
            });
            var rem = new Timespec();
            ErrnoAssert.Fails(EINTR, () => nanosleep(new Timespec(long.MaxValue, 999_999_999), rem));
            Assert.True(rem.tv_sec > 1_000_000_000);
            Probe.Reap(child);
        });
    }

    [Fact]
    public void Sched_yield_returns_0()
    {
        Sim.Run(() => Assert.Equal(0, sched_yield()));
    }

    [Fact]
    public void Pause_returns_minus_1_with_EINTR_after_a_handler_ran()
    {
        var handled = 0;
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => handled++, SA_RESTART);
            var child = fork(() =>
            {
                sleep(1);
                kill(getppid(), SIGUSR1);
            });
            ErrnoAssert.Fails(EINTR, () => pause());
            Probe.Reap(child);
        });
        Assert.Equal(1, handled);
    }
}
