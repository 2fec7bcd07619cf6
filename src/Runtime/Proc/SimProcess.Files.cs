namespace IpcSim;

// Owned by the files work (issue 3): the descriptor table, inherited by fork, closed at exit.
internal sealed partial class SimProcess
{
    private FileTable? files;

    /// <summary>
    /// The descriptor table (files_struct). A process that did not inherit one (started by Run, or a
    /// thread from outside) gets fds 0, 1 and 2 on the kernel's standard streams. Call with the Gate held.
    /// </summary>
    internal FileTable Files => files ??= Kernel.Fs.NewTableWithStandardStreams();

    /// <summary>copy_files(): the child gets the same descriptors, sharing each open file description.</summary>
    partial void OnForkFiles(SimProcess child) => child.files = Files.Clone();

    /// <summary>exit_files(): every descriptor is closed, so pipe ends and FIFOs see the process go.</summary>
    partial void OnExitFiles()
    {
        files?.CloseAll();
        files ??= new FileTable(); // a dead process holds nothing, not a fresh set of standard streams
    }
}
