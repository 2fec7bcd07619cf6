namespace IpcSim;

/// <summary>
/// One blocked thread of a simulated process. Mirrors the kernel's on-stack wait entries
/// (struct sem_queue, msg_receiver): the waker may leave a result for the sleeper in
/// <see cref="Result"/> and read the sleeper's request from <see cref="Request"/>.
/// </summary>
internal sealed class Waiter
{
    private readonly ManualResetEventSlim wakeEvent = new(false, spinCount: 50);

    internal Waiter(SimProcess process) => Process = process;

    internal SimProcess Process { get; private set; }

    internal WakeReason Reason { get; set; }

    /// <summary>A short description of the wait, for deadlock reports ("semop", "msgrcv").</summary>
    internal string What { get; private set; } = "";

    internal WaitQueue? Queue { get; set; }

    internal LinkedListNode<Waiter>? Node { get; set; }

    internal KernelTimer? Timer { get; set; }

    /// <summary>What the sleeper asked for, for wakers that complete the operation on its behalf.</summary>
    internal object? Request { get; set; }

    /// <summary>The result a waker left for the sleeper (0 when it completed the request).</summary>
    internal long Result { get; set; }

    /// <summary>Whether a signal ends this sleep (TASK_INTERRUPTIBLE) or not (TASK_UNINTERRUPTIBLE).</summary>
    internal bool Interruptible { get; set; }

    internal void Reset(SimProcess process, string what, object? request)
    {
        Process = process;
        What = what;
        Request = request;
        Reason = WakeReason.None;
        Result = 0;
        Queue = null;
        Node = null;
        Timer = null;
        wakeEvent.Reset();
    }

    internal void Signal() => wakeEvent.Set();

    internal void WaitForSignal() => wakeEvent.Wait();
}
