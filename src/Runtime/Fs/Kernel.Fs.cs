namespace IpcSim;

// Owned by the files work (issue 3): the kernel's file system, made on first use.
public sealed partial class Kernel
{
    private VirtualFs? fs;

    /// <summary>The simulated file system (paths, FIFOs, the standard streams). Call with the Gate held.</summary>
    internal VirtualFs Fs => fs ??= new VirtualFs(this);
}
