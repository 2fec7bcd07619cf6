namespace IpcSim;

public static partial class Libc
{
    // The error convention, decided in one place: kernel code returns -Exxx, and only these
    // turn it into errno = Exxx and the C failure value. They are also the return-to-user
    // path: pending signals are delivered here, before errno is written (as the libc wrapper
    // writes errno after the kernel returns, a handler cannot clobber a call's errno).

    /// <summary>
    /// Kernel-internal: "interrupted; restart the call if every handler that ran has SA_RESTART"
    /// (pipe read/write, wait). Never reaches user code: the facade turns it into EINTR or a restart.
    /// </summary>
    internal const int ERESTARTSYS = 512;

    /// <summary>
    /// Kernel-internal: "interrupted; restart the call only if no handler ran" (pause, sigsuspend,
    /// nanosleep: a signal that is ignored or stops and continues the process does not end them).
    /// Never reaches user code: see <see cref="SysRestartNoHandler"/>.
    /// </summary>
    internal const int ERESTARTNOHAND = 514;

    internal static int Sys(int ret) => (int)Sys((long)ret);

    internal static long Sys(long ret)
    {
        var p = SimProcess.Current;
        if (ret is -ERESTARTSYS or -ERESTARTNOHAND) ret = -EINTR;
        if (p.SignalPending) p.DeliverSignals();
        if (ret >= 0) return ret;
        p.Errno = (int)-ret;
        return -1;
    }

    /// <summary>For calls returning an address: failure is (void*)-1, never 0, as in C.</summary>
    internal static nint SysPtr(nint ret)
    {
        var p = SimProcess.Current;
        if (p.SignalPending) p.DeliverSignals();
        if (ret >= 0) return ret;
        p.Errno = (int)-ret;
        return -1;
    }

    /// <summary>
    /// For the calls SA_RESTART restarts (read and write on pipes and FIFOs, wait, waitpid):
    /// on -ERESTARTSYS, deliver the signals and run the call again if every handler that ran
    /// was installed with SA_RESTART; otherwise fail with EINTR (signal(7)).
    /// </summary>
    internal static long SysRestartable(Func<long> call)
    {
        while (true)
        {
            var ret = call();
            if (ret == -ERESTARTSYS && SimProcess.Current.DeliverSignals()) continue;
            return Sys(ret);
        }
    }

    /// <summary>
    /// For the calls a handler always interrupts (pause, sigsuspend, nanosleep): on -ERESTARTNOHAND,
    /// deliver the signals; fail with EINTR if a handler ran, otherwise run the call again.
    /// </summary>
    internal static long SysRestartNoHandler(Func<long> call)
    {
        while (true)
        {
            var ret = call();
            if (ret != -ERESTARTNOHAND) return Sys(ret);
            SimProcess.Current.DeliverSignals(out var ranHandler);
            if (ranHandler) return Sys(-EINTR);
        }
    }
}
