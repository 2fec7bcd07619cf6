namespace IpcSim.Tests.Syscalls.Sigaction;

using IpcSim.Tests.Kernel;

public class SigactionTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65)]
    [InlineData(SIGKILL)]
    [InlineData(SIGSTOP)]
    [InlineData(32)] // glibc's own
    public void Sigaction_on_SIGKILL_SIGSTOP_or_an_invalid_signal_fails_with_EINVAL(int sig)
    {
        Sim.Run(() =>
        {
            ErrnoAssert.Fails(EINVAL, () => sigaction(sig, new SigAction { sa_handler = _ => { } }, null));
            ErrnoAssert.Fails(EINVAL, () => sigaction(sig, new SigAction { sa_handler = SIG_IGN }, null));
        });
    }

    [Fact]
    public void Sigaction_may_query_SIGKILL()
    {
        Sim.Run(() =>
        {
            var old = new SigAction { sa_handler = null };
            Assert.Equal(0, sigaction(SIGKILL, null, old));
            Assert.Same(SIG_DFL, old.sa_handler);
        });
    }

    [Fact]
    public void Sigaction_fills_oldact_with_the_previous_action()
    {
        Sim.Run(() =>
        {
            Action<int> first = _ => { };
            var act = new SigAction { sa_handler = first, sa_flags = SA_RESTART };
            sigaddset(act.sa_mask, SIGUSR2);
            var old = new SigAction();
            Assert.Equal(0, sigaction(SIGUSR1, act, old));
            Assert.Same(SIG_DFL, old.sa_handler);

            Assert.Equal(0, sigaction(SIGUSR1, new SigAction { sa_handler = SIG_IGN }, old));
            Assert.Same(first, old.sa_handler);
            Assert.Equal(SA_RESTART, old.sa_flags);
            Assert.Equal(1, sigismember(old.sa_mask, SIGUSR2));
            Assert.Equal(0, sigismember(old.sa_mask, SIGUSR1));
        });
    }

    [Fact]
    public void Sigaction_with_the_same_struct_as_act_and_oldact_swaps_the_actions()
    {
        Sim.Run(() =>
        {
            Action<int> handler = _ => { };
            var both = new SigAction { sa_handler = handler };
            Assert.Equal(0, sigaction(SIGUSR1, both, both));
            Assert.Same(SIG_DFL, both.sa_handler);
            var now = new SigAction();
            sigaction(SIGUSR1, null, now);
            Assert.Same(handler, now.sa_handler);
        });
    }

    [Fact]
    public void A_handler_runs_in_the_target_process_on_its_own_thread()
    {
        int handlerPid = 0, handlerThread = 0, childThread = 0, pauseResult = 0, pauseErrno = 0;
        Sim.Run(() =>
        {
            var child = fork(() =>
            {
                childThread = Environment.CurrentManagedThreadId;
                Probe.Handle(SIGUSR1, _ =>
                {
                    handlerPid = getpid();
                    handlerThread = Environment.CurrentManagedThreadId;
                });
                pauseResult = pause();
                pauseErrno = errno;
            });
            sleep(1);
            Assert.Equal(0, kill(child, SIGUSR1));
            Assert.True(WIFEXITED(Probe.Reap(child)));
            Assert.Equal(child, handlerPid);
        });
        Assert.Equal(childThread, handlerThread);
        Assert.Equal(-1, pauseResult);
        Assert.Equal(EINTR, pauseErrno);
    }

    [Fact]
    public void A_signal_sent_to_a_process_running_its_own_code_is_seen_at_its_next_Libc_call()
    {
        bool ranBeforeCall = true, ranAfterCall = false;
        var sent = 0;
        Sim.Run(() =>
        {
            var ran = 0;
            var child = fork(() =>
            {
                Probe.Handle(SIGUSR1, _ => Volatile.Write(ref ran, 1));
                Volatile.Write(ref sent, 1);
                while (Volatile.Read(ref sent) != 2) Thread.SpinWait(10); // user code: no Libc call
                ranBeforeCall = Volatile.Read(ref ran) == 1;
                getpid();
                ranAfterCall = Volatile.Read(ref ran) == 1;
            });
            while (Volatile.Read(ref sent) != 1) Thread.SpinWait(10);
            Assert.Equal(0, kill(child, SIGUSR1));
            Volatile.Write(ref sent, 2);
            Probe.Reap(child);
        });
        Assert.False(ranBeforeCall);
        Assert.True(ranAfterCall);
    }

    [Fact]
    public void SIG_IGN_discards_the_signal()
    {
        Sim.Run(() =>
        {
            sigaction(SIGTERM, new SigAction { sa_handler = SIG_IGN }, null);
            Assert.Equal(0, raise(SIGTERM));
            var child = fork(() => { pause(); });
            sleep(1);
            // The child inherited SIG_IGN: SIGTERM neither kills it nor ends its pause.
            kill(child, SIGTERM);
            sleep(1);
            Assert.Equal(0, waitpid(child, out _, WNOHANG));
            kill(child, SIGKILL);
            Assert.Equal(SIGKILL, WTERMSIG(Probe.Reap(child)));
        });
    }

    [Fact]
    public void Setting_SIG_IGN_discards_a_pending_signal()
    {
        var ran = false;
        Sim.Run(() =>
        {
            sigprocmask(SIG_BLOCK, Probe.Set(SIGUSR1), null);
            raise(SIGUSR1);
            signal(SIGUSR1, SIG_IGN);
            Probe.Handle(SIGUSR1, _ => ran = true);
            sigprocmask(SIG_UNBLOCK, Probe.Set(SIGUSR1), null);
        });
        Assert.False(ran);
    }

    [Fact]
    public void SIGKILL_cannot_be_caught_blocked_or_ignored()
    {
        Sim.Run(() =>
        {
            var child = fork(() =>
            {
                if (sigaction(SIGKILL, new SigAction { sa_handler = _ => { } }, null) != -1) return 10;
                if (signal(SIGKILL, SIG_IGN) != SIG_ERR) return 11;
                var all = new SigSet();
                sigfillset(all);
                sigprocmask(SIG_SETMASK, all, null);
                while (true) pause();
            });
            sleep(1);
            kill(child, SIGKILL);
            var status = Probe.Reap(child);
            Assert.True(WIFSIGNALED(status), $"status 0x{status:x}");
            Assert.Equal(SIGKILL, WTERMSIG(status));
        });
    }

    [Theory]
    [InlineData(SIGTERM)]
    [InlineData(SIGUSR1)]
    [InlineData(SIGHUP)]
    [InlineData(SIGINT)]
    [InlineData(SIGALRM)]
    [InlineData(SIGPIPE)]
    [InlineData(40)] // a real-time signal
    public void The_default_action_terminates_the_process_with_WTERMSIG(int sig)
    {
        Sim.Run(() =>
        {
            var afterRaise = fork(() =>
            {
                raise(sig);
                return 99;
            });
            var status = Probe.Reap(afterRaise);
            Assert.True(WIFSIGNALED(status));
            Assert.Equal(sig, WTERMSIG(status));

            var asleep = fork(() => { pause(); });
            sleep(1);
            kill(asleep, sig);
            Assert.Equal(sig, WTERMSIG(Probe.Reap(asleep)));
        });
    }

    [Theory]
    [InlineData(SIGCHLD)]
    [InlineData(SIGURG)]
    [InlineData(SIGWINCH)]
    [InlineData(SIGCONT)]
    public void The_default_action_of_SIGCHLD_SIGURG_SIGWINCH_and_SIGCONT_is_to_ignore(int sig)
    {
        Sim.Run(() =>
        {
            var child = fork(() =>
            {
                raise(sig);
                return 5;
            });
            Assert.Equal(5, WEXITSTATUS(Probe.Reap(child)));
        });
    }

    [Fact]
    public void SA_RESETHAND_restores_the_default_action_on_entry_to_the_handler()
    {
        Sim.Run(() =>
        {
            var child = fork(() =>
            {
                var handled = 0;
                Probe.Handle(SIGUSR1, _ => handled++, SA_RESETHAND);
                raise(SIGUSR1);
                var now = new SigAction();
                sigaction(SIGUSR1, null, now);
                if (handled != 1 || now.sa_handler != SIG_DFL) return 1;
                raise(SIGUSR1); // default action now: terminate
                return 2;
            });
            Assert.Equal(SIGUSR1, WTERMSIG(Probe.Reap(child)));
        });
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(SA_NODEFER, 2)]
    public void The_signal_is_blocked_during_its_handler_unless_SA_NODEFER(int flags, int expectedDepth)
    {
        int depth = 0, maxDepth = 0, calls = 0;
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ =>
            {
                depth++;
                calls++;
                maxDepth = Math.Max(maxDepth, depth);
                if (calls == 1) raise(SIGUSR1);
                depth--;
            }, flags);
            raise(SIGUSR1);
        });
        Assert.Equal(2, calls);
        Assert.Equal(expectedDepth, maxDepth);
    }

    [Fact]
    public void Sa_mask_is_blocked_while_the_handler_runs_and_the_mask_is_restored_after()
    {
        SigSet? during = null;
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => during = Probe.CurrentMask(), 0, SIGUSR2, SIGTERM);
            raise(SIGUSR1);
            var after = Probe.CurrentMask();
            Assert.Equal(0, sigismember(after, SIGUSR1));
            Assert.Equal(0, sigismember(after, SIGUSR2));
        });
        Assert.NotNull(during);
        Assert.Equal(1, sigismember(during, SIGUSR1));
        Assert.Equal(1, sigismember(during, SIGUSR2));
        Assert.Equal(1, sigismember(during, SIGTERM));
    }

    [Fact]
    public void A_handler_cannot_clobber_the_errno_of_the_call_it_interrupted()
    {
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => kill(getpid(), 1000)); // sets errno to EINVAL inside the handler
            var child = fork(() =>
            {
                sleep(1);
                kill(getppid(), SIGUSR1);
            });
            ErrnoAssert.Fails(EINTR, () => pause());
            Probe.Reap(child);
        });
    }

    [Fact]
    public void A_handler_that_calls_exit_ends_the_process()
    {
        Sim.Run(() =>
        {
            var child = fork(() =>
            {
                Probe.Handle(SIGUSR1, _ => exit(3));
                pause();
                return 1;
            });
            sleep(1);
            kill(child, SIGUSR1);
            Assert.Equal(3, WEXITSTATUS(Probe.Reap(child)));
        });
    }
}
