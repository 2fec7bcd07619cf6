namespace IpcSim.Tests.Kernel;

using IpcSim;

/// <summary>What a test of the process model reads or sets inside the kernel that the API does not expose.</summary>
internal static class Probe
{
    internal static IpcSim.Kernel Kernel => SimProcess.Current.Kernel;

    /// <summary>The kernel's clock (ns since the epoch).</summary>
    internal static long NowNs()
    {
        var k = Kernel;
        lock (k.Gate) return k.Clock.NowNs;
    }

    /// <summary>Makes the calling process an ordinary user (real, effective and saved uid), as setuid would.</summary>
    internal static void BecomeUser(uint uid)
    {
        var p = SimProcess.Current;
        lock (p.Kernel.Gate)
        {
            p.Uid = p.Euid = p.Suid = uid;
            p.Gid = p.Egid = p.Sgid = uid;
        }
    }

    internal static SimProcess? Find(int pid)
    {
        var k = Kernel;
        lock (k.Gate) return k.FindProcess(pid);
    }

    /// <summary>sigaction(sig, handler, flags, mask) that fails the test if it fails.</summary>
    internal static void Handle(int sig, Action<int> handler, int flags = 0, params int[] mask)
    {
        var act = new SigAction { sa_handler = handler, sa_flags = flags };
        foreach (var m in mask) sigaddset(act.sa_mask, m);
        ErrnoAssert.Succeeds(() => sigaction(sig, act, null), "sigaction");
    }

    internal static SigSet Set(params int[] signals)
    {
        var set = new SigSet();
        foreach (var s in signals) sigaddset(set, s);
        return set;
    }

    internal static SigSet CurrentMask()
    {
        var set = new SigSet();
        ErrnoAssert.Succeeds(() => sigprocmask(SIG_BLOCK, null, set), "sigprocmask");
        return set;
    }

    /// <summary>waitpid(pid, 0) that fails the test if it fails; returns the status.</summary>
    internal static int Reap(int pid)
    {
        var status = 0;
        var ret = ErrnoAssert.Succeeds(() => waitpid(pid, out status, 0), "waitpid");
        Assert.Equal(pid, ret);
        return status;
    }

    internal const long NsPerSecond = 1_000_000_000;
}
