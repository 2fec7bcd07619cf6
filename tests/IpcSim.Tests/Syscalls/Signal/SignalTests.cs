namespace IpcSim.Tests.Syscalls.Signal;

using IpcSim.Tests.Kernel;

public class SignalTests
{
    [Fact]
    public void Signal_returns_the_previous_handler()
    {
        Sim.Run(() =>
        {
            Action<int> first = _ => { }, second = _ => { };
            Assert.Same(SIG_DFL, signal(SIGUSR1, first));
            Assert.Same(first, signal(SIGUSR1, second));
            Assert.Same(second, signal(SIGUSR1, SIG_IGN));
            Assert.Same(SIG_IGN, signal(SIGUSR1, SIG_DFL));
        });
    }

    [Theory]
    [InlineData(SIGKILL)]
    [InlineData(SIGSTOP)]
    [InlineData(0)]
    [InlineData(65)]
    [InlineData(-3)]
    public void Signal_with_SIGKILL_SIGSTOP_or_an_invalid_signal_returns_SIG_ERR_with_EINVAL(int sig)
    {
        Sim.Run(() =>
        {
            errno = 0;
            Assert.Same(SIG_ERR, signal(sig, _ => { }));
            Assert.Equal(EINVAL, errno);
        });
    }

    [Fact]
    public void Signal_keeps_the_handler_installed_and_implies_SA_RESTART_as_glibc()
    {
        var handled = 0;
        Sim.Run(() =>
        {
            signal(SIGUSR1, _ => handled++);
            raise(SIGUSR1);
            raise(SIGUSR1);
            var now = new SigAction();
            sigaction(SIGUSR1, null, now);
            Assert.NotSame(SIG_DFL, now.sa_handler);
            Assert.Equal(SA_RESTART, now.sa_flags & SA_RESTART);
            Assert.Equal(0, now.sa_flags & SA_RESETHAND);
        });
        Assert.Equal(2, handled);
    }

    [Fact]
    public void Signal_with_a_null_handler_means_SIG_DFL()
    {
        Sim.Run(() =>
        {
            signal(SIGUSR1, SIG_IGN);
            Assert.Same(SIG_IGN, signal(SIGUSR1, null!));
            Assert.Same(SIG_DFL, signal(SIGUSR1, SIG_DFL));
        });
    }
}
