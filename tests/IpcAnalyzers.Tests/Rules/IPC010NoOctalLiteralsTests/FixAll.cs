using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC010NoOctalLiteralsTests
{
    [Fact]
    public Task FixAll_Document_BinaryLiterals() => Verify.FixAll<IPC010NoOctalLiteralsAnalyzer, IPC010NoOctalLiteralsCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            const int Mode = 0640;

            static void M(int key)
            {
                _ = [|shmget(key, 4096, IPC_CREAT | 0600)|];
                _ = [|semget(key, 1, IPC_CREAT | Mode)|];
                _ = [|msgget(key, IPC_CREAT | Mode)|];
                _ = [|mkfifo("/tmp/f", 0666)|];
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            const int Mode = 0b110_100_000;

            static void M(int key)
            {
                _ = shmget(key, 4096, IPC_CREAT | 0b110_000_000);
                _ = semget(key, 1, IPC_CREAT | Mode);
                _ = msgget(key, IPC_CREAT | Mode);
                _ = mkfifo("/tmp/f", 0b110_110_110);
            }
        }
        """, IPC010NoOctalLiteralsCodeFix.BinaryLiteralKey);

    [Fact]
    public Task FixAll_Project_Constants() => Verify.FixAll<IPC010NoOctalLiteralsAnalyzer, IPC010NoOctalLiteralsCodeFix>(
        [
            """
            using static IpcSim.Libc;

            class C
            {
                static int M(int key) => [|semget(key, 1, IPC_CREAT | Modes.Shared)|];
            }
            """,
            """
            using static IpcSim.Libc;

            static class Modes
            {
                public const int Shared = 0660;

                public static int Fifo() => [|mkfifo("/tmp/f", 0600)|];
            }
            """,
        ],
        [
            """
            using static IpcSim.Libc;

            class C
            {
                static int M(int key) => semget(key, 1, IPC_CREAT | Modes.Shared);
            }
            """,
            """
            using static IpcSim.Libc;

            static class Modes
            {
                public const int Shared = S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP;

                public static int Fifo() => mkfifo("/tmp/f", S_IRUSR | S_IWUSR);
            }
            """,
        ],
        FixAllScope.Project,
        IPC010NoOctalLiteralsCodeFix.ConstantsKey);
}
