using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC009PermissionsOpenToEveryUserTests
{
    [Fact]
    public Task Valid_OwnerAndGroupOnly() => Verify.Analyzer<IPC009PermissionsOpenToEveryUserAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                _ = shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR | S_IRGRP);
                _ = semget(IPC_PRIVATE, 1, S_IRWXU | S_IRWXG);
                _ = msgget(key, IPC_CREAT | IPC_EXCL | 0b110_110_000);
                _ = mkfifo("/tmp/fifo", S_IRUSR | S_IWUSR);
                _ = open("/tmp/log", O_CREAT | O_WRONLY, 0b110_100_000);
            }
        }
        """);

    [Fact]
    public Task Valid_OpeningAnExistingObject_ModeIsIgnored() => Verify.Analyzer<IPC009PermissionsOpenToEveryUserAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                _ = shmget(key, 0, 0b110_110_110);
                _ = semget(key, 0, S_IRUSR | S_IROTH);
                _ = open("/tmp/log", O_RDONLY, 0b110_110_110);
            }
        }
        """);

    [Fact]
    public Task Valid_ExecuteForOthersOnly() => Verify.Analyzer<IPC009PermissionsOpenToEveryUserAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key) => shmget(key, 4096, IPC_CREAT | S_IRWXU | S_IXOTH);
        }
        """);

    [Fact]
    public Task Valid_ModeNotKnownAtCompileTime() => Verify.Analyzer<IPC009PermissionsOpenToEveryUserAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key, int mode, bool shared)
            {
                _ = shmget(key, 4096, IPC_CREAT | mode);
                int flags = IPC_CREAT | S_IRUSR;
                if (shared) flags |= S_IROTH;
                _ = semget(key, 1, flags);
            }
        }
        """);

    [Fact]
    public Task Valid_WrapperClassWithPrivateMode() => Verify.Analyzer<IPC009PermissionsOpenToEveryUserAnalyzer>("""
        using static IpcSim.Libc;

        sealed class Channel
        {
            private const int Mode = S_IRUSR | S_IWUSR;
            private readonly int msqid;

            public Channel(int key) => msqid = msgget(key, IPC_CREAT | Mode);

            public int Id => msqid;
        }
        """);
}
