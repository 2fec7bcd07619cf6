namespace IpcSim;

/// <summary>struct timespec (time.h).</summary>
public sealed class Timespec
{
    public long tv_sec, tv_nsec;

    public Timespec() { }

    public Timespec(long sec, long nsec)
    {
        tv_sec = sec;
        tv_nsec = nsec;
    }
}
