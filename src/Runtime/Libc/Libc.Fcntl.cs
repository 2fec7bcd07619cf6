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
    public const int F_DUPFD_CLOEXEC = 1030;
    public const int FD_CLOEXEC = 1;

    // int open(const char *pathname, int flags, mode_t mode);
    //   FIFOs: O_RDONLY waits for a writer, O_WRONLY for a reader (fifo(7)); an interrupted wait is
    //   restarted under SA_RESTART. Host files open read-only (writing: EACCES). O_CREAT on a missing
    //   path makes a regular file in memory (mode & ~022), never on the host.
    public static int open(string pathname, int flags, int mode = 0) =>
        (int)SysRestartable(() => FileSyscalls.Open(pathname, flags, mode));

    // int fcntl(int fd, int cmd, ... /* arg */ );   F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL
    public static int fcntl(int fd, int cmd, int arg = 0) => Sys(FileSyscalls.Fcntl(fd, cmd, arg));
}
