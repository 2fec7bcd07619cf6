namespace IpcSim.Tests.Syscalls.Fork;

using IpcSim.Tests.Kernel;

public class ForkTests
{
    [Fact]
    public void Fork_returns_the_childs_pid_and_the_child_runs_with_its_own_pid_and_its_parent_as_ppid()
    {
        int parent = 0, childSeenPid = 0, childSeenPpid = 0, forked = 0;
        Sim.Run(() =>
        {
            parent = getpid();
            forked = fork(() =>
            {
                childSeenPid = getpid();
                childSeenPpid = getppid();
            });
            Assert.True(forked > 0);
            Probe.Reap(forked);
        });
        Assert.Equal(forked, childSeenPid);
        Assert.NotEqual(parent, childSeenPid);
        Assert.Equal(parent, childSeenPpid);
    }

    [Fact]
    public void Fork_child_exits_with_the_delegates_result_and_an_Action_child_exits_0()
    {
        Sim.Run(() =>
        {
            var status = Probe.Reap(fork(() => 42));
            Assert.True(WIFEXITED(status));
            Assert.Equal(42, WEXITSTATUS(status));

            status = Probe.Reap(fork(() => { }));
            Assert.True(WIFEXITED(status));
            Assert.Equal(0, WEXITSTATUS(status));
        });
    }

    [Fact]
    public void Exit_from_deep_inside_the_childs_code_ends_the_child_only()
    {
        var afterExit = false;
        Sim.Run(() =>
        {
            var child = fork(() =>
            {
                Recurse(10);
                afterExit = true;
            });
            var status = Probe.Reap(child);
            Assert.Equal(5, WEXITSTATUS(status));
            Assert.True(WIFEXITED(status));
        });
        Assert.False(afterExit);

        static void Recurse(int depth)
        {
            if (depth == 0)
            {
                try
                {
                    exit(5);
                }
                finally
                {
                    // finally blocks run while the process unwinds, as atexit handlers would
                }
            }
            else
            {
                Recurse(depth - 1);
            }
        }
    }

    [Fact]
    public void Fork_child_has_its_own_errno()
    {
        var childErrno = 0;
        Sim.Run(() =>
        {
            errno = 0;
            var child = fork(() =>
            {
                kill(getpid(), 1000); // EINVAL, in the child only
                childErrno = errno;
            });
            Probe.Reap(child);
            Assert.Equal(0, errno);
        });
        Assert.Equal(EINVAL, childErrno);
    }

    [Fact]
    public void Fork_child_inherits_credentials()
    {
        uint uid = 0, euid = 0;
        Sim.Run(() =>
        {
            var parentDone = fork(() =>
            {
                Probe.BecomeUser(1000);
                var child = fork(() =>
                {
                    uid = getuid();
                    euid = geteuid();
                });
                Probe.Reap(child);
            });
            Probe.Reap(parentDone);
        });
        Assert.Equal(1000u, uid);
        Assert.Equal(1000u, euid);
    }

    [Fact]
    public void Fork_child_inherits_signal_dispositions_and_the_signal_mask()
    {
        int handledBy = 0;
        bool sigusr2Ignored = false, sigtermBlocked = false, sameHandler = false;
        Sim.Run(() =>
        {
            Action<int> handler = _ => handledBy = getpid();
            Probe.Handle(SIGUSR1, handler, SA_RESTART);
            signal(SIGUSR2, SIG_IGN);
            sigprocmask(SIG_BLOCK, Probe.Set(SIGTERM), null);

            var child = fork(() =>
            {
                var old = new SigAction();
                sigaction(SIGUSR1, null, old);
                sameHandler = old.sa_handler == handler && (old.sa_flags & SA_RESTART) != 0;
                sigaction(SIGUSR2, null, old);
                sigusr2Ignored = old.sa_handler == SIG_IGN;
                sigtermBlocked = sigismember(Probe.CurrentMask(), SIGTERM) == 1;
                raise(SIGUSR2);
                raise(SIGUSR1);
                return getpid();
            });
            var status = Probe.Reap(child);
            Assert.True(WIFEXITED(status));
            Assert.Equal(child & 0xff, WEXITSTATUS(status));
            Assert.Equal(child, handledBy);
        });
        Assert.True(sameHandler);
        Assert.True(sigusr2Ignored);
        Assert.True(sigtermBlocked);
    }

    [Fact]
    public void Fork_child_does_not_inherit_pending_signals()
    {
        var handledIn = new List<int>();
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => { lock (handledIn) handledIn.Add(getpid()); });
            sigprocmask(SIG_BLOCK, Probe.Set(SIGUSR1), null);
            raise(SIGUSR1); // pending in the parent
            var child = fork(() => sigprocmask(SIG_UNBLOCK, Probe.Set(SIGUSR1), null));
            Probe.Reap(child);
            Assert.Empty(handledIn);
            sigprocmask(SIG_UNBLOCK, Probe.Set(SIGUSR1), null);
            Assert.Equal([getpid()], handledIn);
        });
    }

    [Fact]
    public void Fork_child_does_not_inherit_the_alarm()
    {
        uint childAlarm = 99;
        Sim.Run(() =>
        {
            alarm(5);
            var child = fork(() => childAlarm = alarm(0));
            Probe.Reap(child);
            Assert.Equal(5u, alarm(0)); // still the parent's, untouched by the child
        });
        Assert.Equal(0u, childAlarm);
    }

    [Fact]
    public void Fork_with_a_null_delegate_fails_with_EFAULT()
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(EFAULT, () => fork((Action)null!));
            ErrnoAssert.Fails(EFAULT, () => fork((Func<int>)null!));
            ErrnoAssert.Fails(ECHILD, () => wait(out _));
        });
    }

    [Fact]
    public void Fork_from_a_thread_outside_any_simulation_works_in_the_default_kernel()
    {
        int forked = 0, reaped = 0, status = 0, self = 0, childPpid = 0;
        var thread = new Thread(() =>
        {
            self = getpid();
            forked = fork(() =>
            {
                childPpid = getppid();
                return 7;
            });
            reaped = waitpid(forked, out status, 0);
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        Assert.True(forked > 0);
        Assert.Equal(forked, reaped);
        Assert.Equal(self, childPpid);
        Assert.Equal(7, WEXITSTATUS(status));
    }
}
