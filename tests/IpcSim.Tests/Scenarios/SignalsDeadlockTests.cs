namespace IpcSim.Tests.Scenarios;

using IpcSim.Tests.Kernel;

public class SignalsDeadlockTests
{
    [Fact]
    public void A_deadlock_report_names_each_blocked_process_and_what_it_waits_on()
    {
        int parent = 0, pauser = 0, suspender = 0;
        var k = new IpcSim.Kernel(new KernelOptions { Watchdog = TimeSpan.FromSeconds(30), Stderr = TextWriter.Null });
        var ex = Assert.Throws<SimulationDeadlockException>(() => k.Run(() =>
        {
            parent = getpid();
            pauser = fork(() => { pause(); });
            suspender = fork(() => { sigsuspend(new SigSet()); });
            waitpid(pauser, out _, 0);
            return 0;
        }));
        Assert.Contains($"pid {parent}: blocked in waitpid({pauser}) on children of pid {parent}", ex.Message);
        Assert.Contains($"pid {pauser}: blocked in pause", ex.Message);
        Assert.Contains($"pid {suspender}: blocked in sigsuspend", ex.Message);
    }

    [Fact]
    public void A_process_stopped_with_nobody_to_continue_it_is_reported_as_stopped()
    {
        int child = 0;
        var k = new IpcSim.Kernel(new KernelOptions { Watchdog = TimeSpan.FromSeconds(30), Stderr = TextWriter.Null });
        var ex = Assert.Throws<SimulationDeadlockException>(() => k.Run(() =>
        {
            child = fork(() => { raise(SIGSTOP); });
            waitpid(child, out _, 0);
            return 0;
        }));
        Assert.Contains($"pid {child}: blocked in stopped by SIGSTOP", ex.Message);
    }

    [Fact]
    public void Sleepers_are_no_deadlock()
    {
        Sim.Run(() =>
        {
            var child = fork(() => { sleep(100); });
            Probe.Reap(child);
        });
    }
}
