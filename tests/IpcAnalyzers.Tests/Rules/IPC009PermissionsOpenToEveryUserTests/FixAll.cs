using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC009PermissionsOpenToEveryUserTests
{
    [Fact]
    public Task FixAll_Document() => Verify.FixAll<IPC009PermissionsOpenToEveryUserAnalyzer, IPC009PermissionsOpenToEveryUserCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                _ = [|shmget(key, 4096, IPC_CREAT | 0b110_110_110)|];
                _ = [|semget(IPC_PRIVATE, 1, S_IRUSR | S_IWUSR | S_IROTH)|];
                _ = [|mkfifo("/tmp/fifo", S_IRWXU | S_IRWXG | S_IRWXO)|];
                _ = [|open("/tmp/log", O_CREAT | O_WRONLY, 0b110_100_100)|];
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                _ = shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP);
                _ = semget(IPC_PRIVATE, 1, S_IRUSR | S_IWUSR);
                _ = mkfifo("/tmp/fifo", S_IRWXU | S_IRWXG);
                _ = open("/tmp/log", O_CREAT | O_WRONLY, S_IRUSR | S_IWUSR | S_IRGRP);
            }
        }
        """);
}
