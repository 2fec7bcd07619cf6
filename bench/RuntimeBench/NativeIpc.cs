using System.Runtime.InteropServices;

namespace IpcBench.Runtime;

/// <summary>The real kernel's System V IPC and pipes, through glibc. Linux x86-64 values.</summary>
internal static unsafe class NativeIpc
{
    internal const int IPC_PRIVATE = 0, IPC_CREAT = 0x200, IPC_RMID = 0, SETVAL = 16, Mode0600 = 0x180;
    internal const int EINTR = 4;

    [StructLayout(LayoutKind.Sequential)]
    internal struct SemBuf(ushort num, short op, short flg)
    {
        public ushort sem_num = num;
        public short sem_op = op;
        public short sem_flg = flg;
    }

    [DllImport("libc", SetLastError = true)] internal static extern int semget(int key, int nsems, int semflg);
    [DllImport("libc", SetLastError = true)] internal static extern int semop(int semid, SemBuf* sops, nuint nsops);
    [DllImport("libc", SetLastError = true)] internal static extern int semctl(int semid, int semnum, int cmd, int arg);
    [DllImport("libc", SetLastError = true)] internal static extern int msgget(int key, int msgflg);
    [DllImport("libc", SetLastError = true)] internal static extern int msgsnd(int msqid, void* msgp, nuint msgsz, int msgflg);
    [DllImport("libc", SetLastError = true)] internal static extern nint msgrcv(int msqid, void* msgp, nuint msgsz, nint msgtyp, int msgflg);
    [DllImport("libc", SetLastError = true)] internal static extern int msgctl(int msqid, int cmd, nint buf);
    [DllImport("libc", SetLastError = true)] internal static extern int pipe(int* pipefd);
    [DllImport("libc", SetLastError = true)] internal static extern nint read(int fd, void* buf, nuint count);
    [DllImport("libc", SetLastError = true)] internal static extern nint write(int fd, void* buf, nuint count);
    [DllImport("libc", SetLastError = true)] internal static extern int close(int fd);
    [DllImport("libc", SetLastError = true)] internal static extern int shmget(int key, nuint size, int shmflg);
    [DllImport("libc", SetLastError = true)] internal static extern nint shmat(int shmid, nint shmaddr, int shmflg);
    [DllImport("libc", SetLastError = true)] internal static extern int shmdt(nint shmaddr);
    [DllImport("libc", SetLastError = true)] internal static extern int shmctl(int shmid, int cmd, nint buf);

    /// <summary>Whether this machine has a System V IPC kernel we may use (Linux, not disabled).</summary>
    internal static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return $"not Linux x86-64 ({RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture})";
        try
        {
            var id = semget(IPC_PRIVATE, 1, IPC_CREAT | Mode0600);
            if (id == -1) return "semget failed: errno " + Marshal.GetLastPInvokeError();
            _ = semctl(id, 0, IPC_RMID, 0);
            return null;
        }
        catch (DllNotFoundException e)
        {
            return "no libc: " + e.Message;
        }
    }

    /// <summary>Throws on -1, with errno: a benchmark that silently fails measures nothing.</summary>
    internal static long Ok(long result, string call) =>
        result == -1 ? throw new InvalidOperationException($"{call}: errno {Marshal.GetLastPInvokeError()}") : result;
}
