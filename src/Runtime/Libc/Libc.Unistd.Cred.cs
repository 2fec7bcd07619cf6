namespace IpcSim;

public static partial class Libc
{
    // <unistd.h>: credentials. Every process starts as root, which bypasses IPC permission
    // checks as CAP_IPC_OWNER does; setuid/setgid make it an ordinary user.

    // uid_t getuid(void); and friends
    public static uint getuid() => SimProcess.Current.Uid;

    public static uint geteuid() => SimProcess.Current.Euid;

    public static uint getgid() => SimProcess.Current.Gid;

    public static uint getegid() => SimProcess.Current.Egid;

    // int setuid(uid_t uid);
    public static int setuid(uint uid) => Sys(SetUid(SimProcess.Current, uid));

    // int setgid(gid_t gid);
    public static int setgid(uint gid) => Sys(SetGid(SimProcess.Current, gid));

    /// <summary>
    /// Mirrors kernel/sys.c: __sys_setuid(). With CAP_SETUID (euid 0 here) the real, effective
    /// and saved ids all change; otherwise only the effective one, and only to the real or saved
    /// id (else EPERM). (uid_t)-1 is not a valid id: EINVAL.
    /// </summary>
    private static int SetUid(SimProcess p, uint uid)
    {
        if (uid == uint.MaxValue) return -EINVAL;
        using (p.Kernel.EnterGate())
        {
            if (p.Euid == 0)
            {
                p.Uid = p.Suid = uid;
            }
            else if (uid != p.Uid && uid != p.Suid)
            {
                return -EPERM;
            }

            p.Euid = uid;
            return 0;
        }
    }

    /// <summary>Mirrors kernel/sys.c: __sys_setgid(), with CAP_SETGID for euid 0.</summary>
    private static int SetGid(SimProcess p, uint gid)
    {
        if (gid == uint.MaxValue) return -EINVAL;
        using (p.Kernel.EnterGate())
        {
            if (p.Euid == 0)
            {
                p.Gid = p.Sgid = gid;
            }
            else if (gid != p.Gid && gid != p.Sgid)
            {
                return -EPERM;
            }

            p.Egid = gid;
            return 0;
        }
    }
}
