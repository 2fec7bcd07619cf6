namespace IpcSim.Tests.Scenarios;

using IpcSim.Tests.Kernel;

/// <summary>SIGKILL at every kind of point a process can be at; the kernel must stay consistent.</summary>
public class SignalsSigkillTests
{
    public static TheoryData<string> Points() => new(Victims.Keys);

    private static readonly Dictionary<string, Func<int>> Victims = new()
    {
        ["pause"] = () => { pause(); return 1; },
        ["sleep"] = () => { sleep(100); return 1; },
        ["nanosleep with an alarm pending"] = () => { alarm(50); nanosleep(new Timespec(100, 0), null); return 1; },
        ["sigsuspend"] = () => { sigsuspend(new SigSet()); return 1; },
        ["waitpid on its own child"] = () => { fork(() => { pause(); }); wait(out _); return 1; },
        ["a signal handler"] = () =>
        {
            Probe.Handle(SIGUSR1, _ => pause());
            raise(SIGUSR1);
            return 1;
        },
        ["stopped"] = () => { raise(SIGSTOP); return 1; },
        ["a blocked and ignored state"] = () =>
        {
            var all = new SigSet();
            sigfillset(all);
            sigprocmask(SIG_SETMASK, all, null);
            for (var s = 1; s < 32; s++) signal(s, SIG_IGN);
            pause();
            return 1;
        },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void SIGKILL_at_any_blocking_point_kills_and_leaves_the_kernel_consistent(string point)
    {
        var k = Sim.Run(() =>
        {
            var victim = fork(Victims[point]);
            sleep(1); // the victim is blocked where the row puts it
            Assert.Equal(0, kill(victim, SIGKILL));
            var status = Probe.Reap(victim);
            Assert.True(WIFSIGNALED(status), $"status 0x{status:x}");
            Assert.Equal(SIGKILL, WTERMSIG(status));
            AssertOnlyCallerIsLeft(leftOverGrandchildren: point == "waitpid on its own child");
        });
        Assert.Empty(k.LiveProcesses());
    }

    [Fact]
    public void SIGKILL_of_a_process_running_its_own_code_kills_it_at_its_next_Libc_call()
    {
        Sim.Run(() =>
        {
            var started = 0;
            var victim = fork(() =>
            {
                Volatile.Write(ref started, 1);
                while (true) sched_yield();
            });
            while (Volatile.Read(ref started) == 0) Thread.Yield();
            kill(victim, SIGKILL);
            Assert.Equal(SIGKILL, WTERMSIG(Probe.Reap(victim)));
            AssertOnlyCallerIsLeft(false);
        });
    }

    [Fact]
    public void SIGKILL_of_many_processes_blocked_in_different_places_leaves_no_waiter_behind()
    {
        Sim.Run(() =>
        {
            var victims = Victims.Values.Select(body => fork(body)).ToArray();
            sleep(1);
            foreach (var v in victims) kill(v, SIGKILL);
            foreach (var v in victims) Assert.Equal(SIGKILL, WTERMSIG(Probe.Reap(v)));
            AssertOnlyCallerIsLeft(leftOverGrandchildren: true);
        });
    }

    /// <summary>
    /// Only the caller is alive (orphaned grandchildren, adopted by init, are killed and reaped by
    /// it), nothing sleeps, no timer is left, and the caller has no child and nobody on its queues.
    /// </summary>
    private static void AssertOnlyCallerIsLeft(bool leftOverGrandchildren)
    {
        var self = SimProcess.Current;
        var k = self.Kernel;
        if (leftOverGrandchildren)
        {
            int[] orphans;
            lock (k.Gate) orphans = k.Init.Children.Where(c => c != self).Select(c => c.Pid).ToArray();
            Assert.NotEmpty(orphans);
            foreach (var o in orphans)
            {
                Assert.Equal(1, Probe.Find(o)?.Ppid);
                kill(o, SIGKILL);
            }

            sleep(1); // init reaps them as they die
        }

        lock (k.Gate)
        {
            Assert.Equal([self], k.LiveProcesses());
            Assert.Equal([self], k.Init.Children); // Run started the caller under init
            Assert.Empty(self.Children);
            Assert.Empty(self.Waiters);
            Assert.Equal(0, self.ChildExitQueue.Count);
            Assert.False(k.Clock.HasPendingTimers);
            Assert.False(self.SignalPending);
        }

        ErrnoAssert.Fails(ECHILD, () => wait(out _));
    }
}
