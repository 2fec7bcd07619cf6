namespace IpcSim.Tests.Kernel;

using IpcSim;

public class ClockTests
{
    [Fact]
    public void Sleep_3600_returns_at_once_in_wall_time_while_the_virtual_clock_advances_3600_seconds()
    {
        var boot = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        long before = 0, after = 0;
        uint left = 1;
        // The watchdog is far shorter than an hour: a real sleep would fail the test.
        Sim.Run(() =>
        {
            before = Probe.NowNs();
            left = sleep(3600);
            after = Probe.NowNs();
        }, options: new KernelOptions { BootTime = boot, Watchdog = TimeSpan.FromSeconds(20) });
        Assert.Equal(0u, left);
        Assert.Equal(1_700_000_000L * Probe.NsPerSecond, before);
        Assert.Equal(3600 * Probe.NsPerSecond, after - before);
    }

    [Fact]
    public void The_virtual_clock_stands_still_while_a_process_runs()
    {
        Sim.Run(() =>
        {
            var start = Probe.NowNs();
            for (var i = 0; i < 1000; i++) getpid();
            Assert.Equal(start, Probe.NowNs());
        });
    }

    [Fact]
    public void Sleepers_wake_in_deadline_order_on_the_virtual_clock()
    {
        var order = new List<int>();
        Sim.Run(() =>
        {
            var late = fork(() => { sleep(3); lock (order) order.Add(3); });
            var early = fork(() => { sleep(1); lock (order) order.Add(1); });
            var middle = fork(() => { usleep(2_000_000); lock (order) order.Add(2); });
            Probe.Reap(late);
            Probe.Reap(early);
            Probe.Reap(middle);
        });
        Assert.Equal([1, 2, 3], order);
    }

    [Fact]
    public void The_real_clock_makes_sleeps_take_real_time_and_keeps_their_order()
    {
        var order = new List<int>();
        long start = 0, end = 0;
        Sim.Run(() =>
        {
            start = Probe.NowNs();
            var slow = fork(() =>
            {
                usleep(400_000);
                lock (order) order.Add(2);
            });
            var quick = fork(() =>
            {
                usleep(20_000);
                lock (order) order.Add(1);
            });
            Assert.Equal(quick, wait(out _));
            Assert.Equal(slow, wait(out _));
            end = Probe.NowNs();
        }, options: new KernelOptions { RealClock = true });
        Assert.Equal([1, 2], order);
        Assert.True(end - start >= 400_000_000, "a sleep never ends early"); // a lower bound, not a duration
    }
}
