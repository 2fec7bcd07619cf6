namespace IpcSim.Tests.Syscalls.Wait;

using IpcSim.Tests.Kernel;

public class WaitTests
{
    [Fact]
    public void Wait_returns_the_childs_pid_and_exit_status()
    {
        Sim.Run(() =>
        {
            var child = fork(() => 3);
            var ret = wait(out var status);
            Assert.Equal(child, ret);
            Assert.True(WIFEXITED(status));
            Assert.False(WIFSIGNALED(status));
            Assert.Equal(3, WEXITSTATUS(status));
            Assert.Equal(0x0300, status);
        });
    }

    [Fact]
    public void Wait_status_of_a_child_killed_by_a_signal_has_WTERMSIG()
    {
        Sim.Run(() =>
        {
            var child = fork(() => { pause(); });
            sleep(1);
            kill(child, SIGTERM);
            var status = Probe.Reap(child);
            Assert.True(WIFSIGNALED(status));
            Assert.False(WIFEXITED(status));
            Assert.Equal(SIGTERM, WTERMSIG(status));
        });
    }

    [Fact]
    public void Waitpid_with_a_pid_waits_for_that_child_only()
    {
        Sim.Run(() =>
        {
            var quick = fork(() => 1);
            var slow = fork(() =>
            {
                sleep(5);
                return 2;
            });
            Assert.Equal(slow, waitpid(slow, out var status, 0));
            Assert.Equal(2, WEXITSTATUS(status));
            Assert.Equal(quick, wait(out status));
            Assert.Equal(1, WEXITSTATUS(status));
        });
    }

    [Fact]
    public void Waitpid_0_and_minus_the_group_id_select_the_children_of_the_callers_process_group()
    {
        Sim.Run(() =>
        {
            // The process Run starts leads its own group, and every process it forks stays in it.
            var a = fork(() => 1);
            var b = fork(() => 2);
            var first = waitpid(0, out _, 0);
            Assert.Contains(first, new[] { a, b });
            Assert.Equal(first == a ? b : a, waitpid(-getpid(), out _, 0));
            fork(() => 3);
            ErrnoAssert.Fails(ECHILD, () => waitpid(-12345, out _, 0));
            Assert.True(wait(out _) > 0);
        });
    }

    [Fact]
    public void Waitpid_with_WNOHANG_returns_0_while_no_child_has_exited()
    {
        Sim.Run(() =>
        {
            var child = fork(() =>
            {
                sleep(1);
                return 4;
            });
            Assert.Equal(0, waitpid(child, out _, WNOHANG));
            Assert.Equal(0, waitpid(-1, out _, WNOHANG));
            sleep(2);
            Assert.Equal(child, waitpid(-1, out var status, WNOHANG));
            Assert.Equal(4, WEXITSTATUS(status));
            ErrnoAssert.Fails(ECHILD, () => waitpid(-1, out _, WNOHANG));
        });
    }

    [Fact]
    public void Wait_without_children_fails_with_ECHILD()
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(ECHILD, () => wait(out _));
            ErrnoAssert.Fails(ECHILD, () => waitpid(-1, out _, 0));
            ErrnoAssert.Fails(ECHILD, () => waitpid(0, out _, 0));
            ErrnoAssert.Fails(ECHILD, () => waitpid(54321, out _, 0), "no such process");
            ErrnoAssert.Fails(ECHILD, () => waitpid(getpid(), out _, 0), "itself");
            ErrnoAssert.Fails(ECHILD, () => waitpid(1, out _, 0), "init is no child");
        });
    }

    [Fact]
    public void Waitpid_for_a_process_that_is_not_a_child_fails_with_ECHILD()
    {
        Sim.Run(() =>
        {
            var sibling = fork(() => { sleep(1); });
            var otherErrno = 0;
            var other = fork(() =>
            {
                waitpid(sibling, out _, 0);
                otherErrno = errno;
            });
            Probe.Reap(other);
            Probe.Reap(sibling);
            Assert.Equal(ECHILD, otherErrno);
        });
    }

    [Theory]
    [InlineData(0x4)]
    [InlineData(0x100)]
    [InlineData(-1)]
    public void Waitpid_with_unknown_option_bits_fails_with_EINVAL(int options)
    {
        Sim.Run(() =>
        {
            var child = fork(() => 0);
            ErrnoAssert.Fails(EINVAL, () => waitpid(child, out _, options));
            Probe.Reap(child);
        });
    }

    [Fact]
    public void A_zombie_stays_until_its_parent_reaps_it()
    {
        Sim.Run(() =>
        {
            var child = fork(() => 9);
            sleep(1); // the child has exited by now
            Assert.Equal(ProcessState.Zombie, Probe.Find(child)?.State);
            Assert.Equal(0, kill(child, 0)); // a zombie still exists
            Assert.Equal(0, kill(child, SIGKILL)); // and signals to it change nothing
            Assert.Equal(9, WEXITSTATUS(Probe.Reap(child)));
            Assert.Null(Probe.Find(child));
            ErrnoAssert.Fails(ESRCH, () => kill(child, 0));
        });
    }

    [Fact]
    public void Orphans_are_reparented_to_init_which_reaps_them()
    {
        int grandchild = 0, ppidBefore = 0, ppidAfter = 0;
        Sim.Run(() =>
        {
            var child = fork(() =>
            {
                grandchild = fork(() =>
                {
                    ppidBefore = getppid();
                    sleep(2); // the child exits meanwhile
                    ppidAfter = getppid();
                });
                sleep(1);
            });
            Probe.Reap(child);
            ErrnoAssert.Fails(ECHILD, () => wait(out _), "a grandchild is not the caller's child");
            sleep(5);
            ErrnoAssert.Fails(ESRCH, () => kill(grandchild, 0), "init reaped the orphan");
        });
        Assert.NotEqual(1, ppidBefore);
        Assert.Equal(1, ppidAfter);
    }

    [Fact]
    public void SIGCHLD_is_sent_to_the_parent_when_a_child_exits()
    {
        var handledIn = new List<int>();
        Sim.Run(() =>
        {
            Probe.Handle(SIGCHLD, sig => { lock (handledIn) handledIn.Add(getpid()); }, SA_RESTART);
            var child = fork(() => 0);
            Probe.Reap(child);
            Assert.Equal([getpid()], handledIn);
        });
    }

    [Fact]
    public void SIGCHLD_ignored_reaps_children_at_once_and_wait_blocks_until_all_are_gone_then_fails_with_ECHILD()
    {
        Sim.Run(() =>
        {
            Assert.Equal(SIG_DFL, signal(SIGCHLD, SIG_IGN));
            var start = Probe.NowNs();
            var a = fork(() => { sleep(1); });
            var b = fork(() => { sleep(3); });
            ErrnoAssert.Fails(ECHILD, () => wait(out _));
            Assert.Equal(3 * Probe.NsPerSecond, Probe.NowNs() - start); // it waited for the last child
            Assert.Null(Probe.Find(a));
            Assert.Null(Probe.Find(b));
        });
    }

    [Fact]
    public void SA_NOCLDWAIT_reaps_children_at_once_and_still_sends_SIGCHLD()
    {
        var handled = 0;
        Sim.Run(() =>
        {
            Probe.Handle(SIGCHLD, _ => handled++, SA_NOCLDWAIT | SA_RESTART);
            var child = fork(() => 0);
            ErrnoAssert.Fails(ECHILD, () => wait(out _));
            Assert.Null(Probe.Find(child));
            Assert.Equal(1, handled);
        });
    }

    [Fact]
    public void Waitpid_with_WUNTRACED_and_WCONTINUED_reports_a_stop_and_a_continue()
    {
        Sim.Run(() =>
        {
            var child = fork(() =>
            {
                while (true) pause();
            });
            sleep(1);
            kill(child, SIGSTOP);
            Assert.Equal(child, waitpid(child, out var status, WUNTRACED));
            Assert.True(WIFSTOPPED(status));
            Assert.Equal(SIGSTOP, WSTOPSIG(status));
            Assert.False(WIFSIGNALED(status));
            Assert.Equal(0, waitpid(child, out _, WUNTRACED | WNOHANG)); // reported once

            kill(child, SIGCONT);
            Assert.Equal(child, waitpid(child, out status, WCONTINUED));
            Assert.True(WIFCONTINUED(status));

            kill(child, SIGTERM);
            status = Probe.Reap(child);
            Assert.Equal(SIGTERM, WTERMSIG(status));
        });
    }

    [Fact]
    public void Wait_reaps_a_child_stopped_then_killed()
    {
        Sim.Run(() =>
        {
            var child = fork(() => { pause(); });
            sleep(1);
            kill(child, SIGSTOP);
            sleep(1);
            kill(child, SIGKILL);
            Assert.Equal(SIGKILL, WTERMSIG(Probe.Reap(child)));
        });
    }
}
