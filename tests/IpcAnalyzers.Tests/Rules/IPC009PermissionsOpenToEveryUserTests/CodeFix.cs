using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC009PermissionsOpenToEveryUserTests
{
    [Fact]
    public Task CodeFix_KeepsIpcCreat_ConstantsForTheMode() => Verify.CodeFix<IPC009PermissionsOpenToEveryUserAnalyzer, IPC009PermissionsOpenToEveryUserCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int CreateWorldWritable(int key)
            {
                int shmid = [|shmget(key, 4096, IPC_CREAT | 0b110_110_110)|]; // shared
                if (shmid == -1) return -1;
                return shmctl(shmid, IPC_RMID, null);
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static int CreateWorldWritable(int key)
            {
                int shmid = shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP); // shared
                if (shmid == -1) return -1;
                return shmctl(shmid, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public Task CodeFix_SeveralModeParts_AndIpcExcl() => Verify.CodeFix<IPC009PermissionsOpenToEveryUserAnalyzer, IPC009PermissionsOpenToEveryUserCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key) => [|semget(key, 1, S_IRWXU | IPC_CREAT | S_IRGRP | S_IROTH | IPC_EXCL)|];
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static int M(int key) => semget(key, 1, S_IRWXU | S_IRGRP | IPC_CREAT | IPC_EXCL);
        }
        """);

    [Fact]
    public Task CodeFix_DllImport_BinaryLiteral() => Verify.CodeFix<IPC009PermissionsOpenToEveryUserAnalyzer, IPC009PermissionsOpenToEveryUserCodeFix>("""
        using System.Runtime.InteropServices;

        static class Native
        {
            private const int IPC_CREAT = 0x200;

            [DllImport("libc", SetLastError = true)]
            private static extern int semget(int key, int nsems, int semflg);

            public static int Create(int key) => [|semget(key, 1, IPC_CREAT | 0b111_111_111)|];
        }
        """, """
        using System.Runtime.InteropServices;

        static class Native
        {
            private const int IPC_CREAT = 0x200;

            [DllImport("libc", SetLastError = true)]
            private static extern int semget(int key, int nsems, int semflg);

            public static int Create(int key) => semget(key, 1, IPC_CREAT | 0b111_111_000);
        }
        """);

    [Fact]
    public Task CodeFix_MixedLiteral_AndOpenMode() => Verify.CodeFix<IPC009PermissionsOpenToEveryUserAnalyzer, IPC009PermissionsOpenToEveryUserCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                _ = [|shmget(IPC_PRIVATE, 4096, 0x3B6)|];
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                _ = shmget(IPC_PRIVATE, 4096, 0b1_110_110_000);
            }
        }
        """);

    [Fact]
    public Task CodeFix_NoFixForOctalLookalike() => Verify.NoCodeFix<IPC009PermissionsOpenToEveryUserAnalyzer, IPC009PermissionsOpenToEveryUserCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int M() => [|shmget(IPC_PRIVATE, 4096, 0666)|];
        }
        """);

    [Fact]
    public Task CodeFix_NoFixForFlagsLocalThatMixesBits() => Verify.NoCodeFix<IPC009PermissionsOpenToEveryUserAnalyzer, IPC009PermissionsOpenToEveryUserCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key)
            {
                int flags = IPC_CREAT | S_IRWXU | S_IRWXO;
                return [|msgget(key, flags)|];
            }
        }
        """);
}
