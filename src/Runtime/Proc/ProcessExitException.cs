namespace IpcSim;

/// <summary>
/// Unwinds a simulated process's thread when it exits (exit(), a fatal signal, a deadlock
/// kill). .NET cannot stop a thread from outside, so the process's own thread throws this
/// from inside the Libc call that ends it; the process's root catches it.
/// </summary>
internal sealed class ProcessExitException : Exception
{
    internal ProcessExitException(int waitStatus) : base("simulated process exited") => WaitStatus = waitStatus;

    public ProcessExitException() { }

    public ProcessExitException(string message) : base(message) { }

    public ProcessExitException(string message, Exception inner) : base(message, inner) { }

    internal int WaitStatus { get; }
}
