namespace IpcSim;

/// <summary>
/// Holds the kernel's Gate for a using block, and wakes the sleepers it woke only after letting
/// go of it. Mirrors the kernel's wake_q: a woken process would otherwise run straight into the
/// lock its waker still holds and sleep a second time.
/// </summary>
internal readonly struct GateScope : IDisposable
{
    private readonly Kernel kernel;

    internal GateScope(Kernel kernel)
    {
        this.kernel = kernel;
        Monitor.Enter(kernel.Gate);
        Scheduler.BeginDeferredWakes();
    }

    public void Dispose()
    {
        var woken = Scheduler.EndDeferredWakes();
        Monitor.Exit(kernel.Gate);
        Scheduler.Signal(woken);
    }
}
