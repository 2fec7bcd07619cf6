namespace IpcAnalyzers.Api;

/// <summary>The Linux x86-64 values of the constants the rules fold (API.md), for reading flags the compiler sees.</summary>
#pragma warning disable CA1707 // C names
internal static class IpcConstants
{
    internal const int IPC_PRIVATE = 0;
    internal const int IPC_CREAT = 0x200;
    internal const int IPC_EXCL = 0x400;
    internal const int IPC_NOWAIT = 0x800;
    internal const int IPC_RMID = 0;
    internal const int IPC_SET = 1;
    internal const int IPC_STAT = 2;
    internal const int SHM_RDONLY = 0x1000;
    internal const int SEM_UNDO = 0x1000;
    internal const int SETVAL = 16;
    internal const int SETALL = 17;
    internal const int O_CREAT = 0x40;
    internal const int O_NONBLOCK = 0x800;
    internal const int WNOHANG = 1;
    internal const int SA_RESTART = 0x10000000;
    internal const int EINTR = 4;
    internal const int S_IROTH = 0x4;
    internal const int S_IWOTH = 0x2;
}
#pragma warning restore CA1707
