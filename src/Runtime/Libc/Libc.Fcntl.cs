namespace IpcSim;

public static partial class Libc
{
    // <fcntl.h>
    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_RDWR = 2;
    public const int O_ACCMODE = 3;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_TRUNC = 0x200;
    public const int O_APPEND = 0x400;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;
    public const int F_DUPFD = 0;
    public const int F_GETFD = 1;
    public const int F_SETFD = 2;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;
    public const int FD_CLOEXEC = 1;

    // int open(const char *pathname, int flags, mode_t mode);
    public static int open(string pathname, int flags, int mode = 0) => Sys(-ENOSYS);

    // int fcntl(int fd, int cmd, ... /* arg */ );
    public static int fcntl(int fd, int cmd, int arg = 0) => Sys(-ENOSYS);
}
