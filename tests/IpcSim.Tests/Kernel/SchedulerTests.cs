namespace IpcSim.Tests.Kernel;

using IpcSim;

public class SchedulerTests
{
    private static IpcSim.Kernel NewKernel() => new(new KernelOptions { Watchdog = TimeSpan.FromSeconds(30) });

    [Fact]
    public void Run_returns_the_exit_status_of_main()
    {
        var status = NewKernel().Run(() => 3);
        Assert.True(WIFEXITED(status));
        Assert.Equal(3, WEXITSTATUS(status));
    }

    [Fact]
    public void Exit_ends_the_process_from_anywhere()
    {
        var status = NewKernel().Run(() =>
        {
            exit(7);
            return 0;
        });
        Assert.Equal(7, WEXITSTATUS(status));
    }

    [Fact]
    public void An_unhandled_exception_kills_the_process_with_SIGABRT()
    {
        var err = new StringWriter();
        var status = new IpcSim.Kernel(new KernelOptions { Stderr = err }).Run(() => throw new InvalidOperationException("boom"));
        Assert.True(WIFSIGNALED(status));
        Assert.Equal(SIGABRT, WTERMSIG(status));
        Assert.Contains("boom", err.ToString());
    }

    [Fact]
    public void A_sleep_with_a_deadline_jumps_the_virtual_clock_when_nothing_else_runs()
    {
        var k = new IpcSim.Kernel(new KernelOptions { BootTime = DateTimeOffset.FromUnixTimeSeconds(1_000_000) });
        long before = 0, after = 0;
        WakeReason reason = WakeReason.None;
        k.Run(() =>
        {
            var p = SimProcess.Current;
            lock (k.Gate)
            {
                before = k.Clock.NowNs;
                reason = k.Scheduler.Block(p, null, "test sleep", before + 3_600_000_000_000L, true);
                after = k.Clock.NowNs;
            }

            return 0;
        });
        Assert.Equal(WakeReason.Timeout, reason);
        Assert.Equal(1_000_000L * 1_000_000_000, before);
        Assert.Equal(3_600_000_000_000L, after - before);
    }

    [Fact]
    public void A_process_blocked_forever_is_reported_as_a_deadlock_not_a_hang()
    {
        var k = NewKernel();
        var ex = Assert.Throws<SimulationDeadlockException>(() => k.Run(() =>
        {
            var p = SimProcess.Current;
            lock (k.Gate) k.Scheduler.Block(p, new WaitQueue("semaphore set 42"), "semop");
            return 0;
        }));
        Assert.Contains("semop on semaphore set 42", ex.Message);
    }

    [Fact]
    public void A_waker_in_another_thread_ends_the_sleep()
    {
        var k = NewKernel();
        var queue = new WaitQueue("q");
        WakeReason reason = WakeReason.None;
        k.Run(() =>
        {
            var p = SimProcess.Current;
            SimProcess sleeper;
            lock (k.Gate)
            {
                sleeper = k.StartProcess(p, () =>
                {
                    lock (k.Gate) reason = k.Scheduler.Block(SimProcess.Current, queue, "wait");
                    return 0;
                });
            }

            // Poll until the sleeper is asleep, then wake it.
            while (true)
            {
                lock (k.Gate)
                {
                    if (queue.Count == 1)
                    {
                        k.Scheduler.WakeAll(queue);
                        break;
                    }
                }

                Thread.Yield();
            }

            return 0;
        });
        Assert.Equal(WakeReason.Woken, reason);
    }
}
