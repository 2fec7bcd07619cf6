namespace IpcSim.Tests.Syscalls.Fifo;

/// <summary>Paths for simulated files: unique names in the host's temp directory (FIFOs never touch the host).</summary>
internal static class FifoPaths
{
    internal static string Unique(string what = "fifo") =>
        Path.Combine(Path.GetTempPath(), "ipcsim-" + what + "-" + Guid.NewGuid().ToString("N"));

    /// <summary>Stands in for setuid until it lands: the process becomes an ordinary user.</summary>
    internal static void BecomeUser(uint uid, uint gid)
    {
        var p = SimProcess.Current;
        lock (p.Kernel.Gate)
        {
            p.Uid = p.Euid = p.Suid = uid;
            p.Gid = p.Egid = p.Sgid = gid;
        }
    }
}
