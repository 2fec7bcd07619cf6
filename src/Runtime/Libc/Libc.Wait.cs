namespace IpcSim;

public static partial class Libc
{
    // <sys/wait.h>
    public const int WNOHANG = 1;
    public const int WUNTRACED = 2;

    // pid_t wait(int *wstatus);
    public static int wait(out int wstatus) => waitpid(-1, out wstatus, 0);

    // pid_t waitpid(pid_t pid, int *wstatus, int options);
    public static int waitpid(int pid, out int wstatus, int options)
    {
        wstatus = 0;
        return Sys(-ENOSYS);
    }

    // The status macros, as glibc defines them for Linux.
    public static bool WIFEXITED(int wstatus) => (wstatus & 0x7f) == 0;

    public static int WEXITSTATUS(int wstatus) => (wstatus >> 8) & 0xff;

    public static bool WIFSIGNALED(int wstatus) => (wstatus & 0x7f) != 0 && (wstatus & 0x7f) != 0x7f;

    public static int WTERMSIG(int wstatus) => wstatus & 0x7f;

    /// <summary>The wait status of a process that exited with <paramref name="code"/>.</summary>
    internal static int ExitedStatus(int code) => (code & 0xff) << 8;

    /// <summary>The wait status of a process killed by <paramref name="sig"/>.</summary>
    internal static int SignaledStatus(int sig) => sig & 0x7f;
}
