namespace IpcSim;

public static partial class Libc
{
    // <sys/wait.h>
    public const int WNOHANG = 1;
    public const int WUNTRACED = 2;
    public const int WCONTINUED = 8;

    // pid_t wait(int *wstatus);
    public static int wait(out int wstatus) => waitpid(-1, out wstatus, 0);

    // pid_t waitpid(pid_t pid, int *wstatus, int options);
    // pid -1: any child; > 0: that child; 0: any child in the caller's process group; < -1: any child
    // in group -pid. There is no setpgid: a process started by Kernel.Run leads a group that every
    // process it forks stays in, so 0 selects every child. SA_RESTART restarts it after a handler.
    public static int waitpid(int pid, out int wstatus, int options)
    {
        var p = SimProcess.Current;
        var status = 0;
        var ret = (int)SysRestartable(() => p.Kernel.Wait(p, pid, options, out status));
        wstatus = ret > 0 ? status : 0;
        return ret;
    }

    // The status macros, as glibc defines them for Linux.
    public static bool WIFEXITED(int wstatus) => (wstatus & 0x7f) == 0;

    public static int WEXITSTATUS(int wstatus) => (wstatus >> 8) & 0xff;

    public static bool WIFSIGNALED(int wstatus) => (wstatus & 0x7f) != 0 && (wstatus & 0x7f) != 0x7f;

    public static int WTERMSIG(int wstatus) => wstatus & 0x7f;

    public static bool WIFSTOPPED(int wstatus) => (wstatus & 0xff) == 0x7f;

    public static int WSTOPSIG(int wstatus) => WEXITSTATUS(wstatus);

    public static bool WIFCONTINUED(int wstatus) => wstatus == ContinuedStatus;

    /// <summary>The wait status of a process that exited with <paramref name="code"/>.</summary>
    internal static int ExitedStatus(int code) => (code & 0xff) << 8;

    /// <summary>The wait status of a process killed by <paramref name="sig"/>.</summary>
    internal static int SignaledStatus(int sig) => sig & 0x7f;

    /// <summary>The wait status (WUNTRACED) of a process stopped by <paramref name="sig"/>.</summary>
    internal static int StoppedStatus(int sig) => ((sig & 0xff) << 8) | 0x7f;

    /// <summary>The wait status (WCONTINUED) of a process resumed by SIGCONT.</summary>
    internal const int ContinuedStatus = 0xffff;
}
