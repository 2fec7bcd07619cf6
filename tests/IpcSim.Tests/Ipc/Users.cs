namespace IpcSim.Tests.Ipc;

/// <summary>Permission tests run the unprivileged part in a child, since a process that drops root cannot get it back.</summary>
internal static class Users
{
    internal const uint Alice = 1000;
    internal const uint Bob = 1001;
    internal const uint Staff = 100;
    internal const uint Others = 200;

    /// <summary>setgid then setuid (the order a C program must use), asserting both succeed.</summary>
    internal static void Become(uint uid, uint gid)
    {
        ErrnoAssert.Succeeds(() => setgid(gid), "setgid");
        ErrnoAssert.Succeeds(() => setuid(uid), "setuid");
    }

    /// <summary>Runs <paramref name="body"/> in a child process as <paramref name="uid"/>/<paramref name="gid"/> and waits for it.</summary>
    internal static void RunAs(uint uid, uint gid, Action body) =>
        Children.WaitAllSucceeded(Children.Start(() =>
        {
            Become(uid, gid);
            body();
        }));
}
