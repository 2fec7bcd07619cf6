namespace IpcSim;

public static partial class Libc
{
    // <unistd.h>: processes, credentials and time. Descriptors are in Libc.Unistd.Fd.cs.
    //
    // Signals reach a process at its return-to-user points, which here are its Libc calls (every
    // call below included): a process busy in its own code sees a signal at its next Libc call.

    // pid_t fork(void);   The child runs the delegate on its own thread; its return value is its exit status.
    public static int fork(Action child)
    {
        if (child is null) return Sys(-EFAULT);
        return fork(() =>
        {
            child();
            return 0;
        });
    }

    public static int fork(Func<int> child)
    {
        if (child is null) return Sys(-EFAULT);
        var p = SimProcess.Current;
        return Sys(p.Kernel.Fork(p, child));
    }

    // pid_t getpid(void);
    public static int getpid() => Sys(SimProcess.Current.Pid);

    // pid_t getppid(void);
    public static int getppid() => Sys(SimProcess.Current.Ppid);

    // void exit(int status);
    public static void exit(int status) => SimProcess.Current.Exit(status & 0xff);

    // void _exit(int status);
    public static void _exit(int status) => SimProcess.Current.Exit(status & 0xff);

    // int pause(void);   Returns only when a handler has run: -1 with EINTR.
    public static int pause()
    {
        var p = SimProcess.Current;
        return (int)SysRestartNoHandler(() => p.Kernel.Pause(p));
    }

    // unsigned int alarm(unsigned int seconds);   Replaces any pending alarm; returns the seconds it had left.
    public static uint alarm(uint seconds)
    {
        var p = SimProcess.Current;
        var left = p.Kernel.Alarm(p, seconds);
        Sys(0);
        return left;
    }

    // unsigned int sleep(unsigned int seconds);   As glibc: the seconds left (rounded) when a handler interrupts it.
    public static uint sleep(uint seconds)
    {
        var rem = new Timespec();
        if (nanosleep(new Timespec(seconds, 0), rem) == 0) return 0;
        return (uint)rem.tv_sec + (rem.tv_nsec >= 500_000_000 ? 1u : 0u);
    }

    // int usleep(useconds_t usec);
    public static int usleep(long usec)
    {
        if (usec < 0) return Sys(-EINVAL);
        return nanosleep(new Timespec(usec / 1_000_000, usec % 1_000_000 * 1000), null);
    }

    // int nanosleep(const struct timespec *req, struct timespec *rem);
    // A handler ends it with EINTR and the time left in rem; a signal without a handler does not end it.
    public static int nanosleep(Timespec req, Timespec? rem)
    {
        if (req is null) return Sys(-EFAULT);
        if (req.tv_sec < 0 || req.tv_nsec is < 0 or >= 1_000_000_000) return Sys(-EINVAL);
        var p = SimProcess.Current;
        var k = p.Kernel;
        long deadline;
        using (k.EnterGate()) deadline = k.DeadlineAfter(req.tv_sec, req.tv_nsec);
        long remaining = 0;
        var ret = (int)SysRestartNoHandler(() => k.SleepUntil(p, deadline, out remaining));
        if (ret == -1 && rem is not null)
        {
            rem.tv_sec = remaining / 1_000_000_000;
            rem.tv_nsec = remaining % 1_000_000_000;
        }

        return ret;
    }

    // int sched_yield(void);
    public static int sched_yield()
    {
        Thread.Yield();
        return Sys(0);
    }
}
