namespace IpcSim;

public static partial class Libc
{
    // <unistd.h>: file descriptors, pipes and paths.
    public const int PIPE_BUF = 4096;

    // int pipe(int pipefd[2]);
    public static int pipe(int[] pipefd) => Sys(-ENOSYS);

    // int pipe2(int pipefd[2], int flags);
    public static int pipe2(int[] pipefd, int flags) => Sys(-ENOSYS);

    // ssize_t read(int fd, void *buf, size_t count);
    public static long read(int fd, byte[] buf, long count) => Sys(-(long)ENOSYS);

    // ssize_t write(int fd, const void *buf, size_t count);
    public static long write(int fd, byte[] buf, long count) => Sys(-(long)ENOSYS);

    // int close(int fd);
    public static int close(int fd) => Sys(-ENOSYS);

    // int dup(int oldfd);
    public static int dup(int oldfd) => Sys(-ENOSYS);

    // int dup2(int oldfd, int newfd);
    public static int dup2(int oldfd, int newfd) => Sys(-ENOSYS);

    // int unlink(const char *pathname);
    public static int unlink(string pathname) => Sys(-ENOSYS);
}
