namespace IpcSim;

public static partial class Libc
{
    // <unistd.h>: file descriptors, pipes and paths.
    public const int PIPE_BUF = 4096;

    // int pipe(int pipefd[2]);
    public static int pipe(int[] pipefd) => Sys(FileSyscalls.Pipe2(pipefd, 0));

    // int pipe2(int pipefd[2], int flags);   flags: O_NONBLOCK, O_CLOEXEC (O_DIRECT's packet mode is not simulated: EINVAL)
    public static int pipe2(int[] pipefd, int flags) => Sys(FileSyscalls.Pipe2(pipefd, flags));

    // ssize_t read(int fd, void *buf, size_t count);   count above buf.Length: EFAULT; negative: EINVAL
    public static long read(int fd, byte[] buf, long count) => SysRestartable(() => FileSyscalls.Read(fd, buf, count));

    // ssize_t write(int fd, const void *buf, size_t count);   count above buf.Length: EFAULT; negative: EINVAL
    public static long write(int fd, byte[] buf, long count) => SysRestartable(() => FileSyscalls.Write(fd, buf, count));

    // int close(int fd);
    public static int close(int fd) => Sys(FileSyscalls.Close(fd));

    // int dup(int oldfd);
    public static int dup(int oldfd) => Sys(FileSyscalls.Dup(oldfd));

    // int dup2(int oldfd, int newfd);
    public static int dup2(int oldfd, int newfd) => Sys(FileSyscalls.Dup2(oldfd, newfd));

    // int unlink(const char *pathname);   Removes simulated files; host files are never deleted (EACCES).
    public static int unlink(string pathname) => Sys(FileSyscalls.Unlink(pathname));
}
