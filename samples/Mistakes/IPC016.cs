using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC016
{
    // signal() has different semantics across systems, and Console is not async-signal-safe.
    internal static void Install()
    {
        signal(SIGINT, sig => System.Console.WriteLine("caught " + sig)); // IPC016
    }
}
