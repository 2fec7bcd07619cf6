namespace IpcSim;

public static partial class Libc
{
    // The error convention, decided in one place: kernel code returns -Exxx, and only these
    // turn it into errno = Exxx and the C failure value. No other code sets errno after a call.

    internal static int Sys(int ret)
    {
        if (ret >= 0) return ret;
        SimProcess.Current.Errno = -ret;
        return -1;
    }

    internal static long Sys(long ret)
    {
        if (ret >= 0) return ret;
        SimProcess.Current.Errno = (int)-ret;
        return -1;
    }

    /// <summary>For calls returning an address: failure is (void*)-1, never 0, as in C.</summary>
    internal static nint SysPtr(nint ret)
    {
        if (ret >= 0) return ret;
        SimProcess.Current.Errno = (int)-ret;
        return -1;
    }
}
