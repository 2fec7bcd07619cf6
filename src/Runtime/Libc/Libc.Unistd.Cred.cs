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
    public static int setuid(uint uid) => Sys(-ENOSYS);

    // int setgid(gid_t gid);
    public static int setgid(uint gid) => Sys(-ENOSYS);
}
