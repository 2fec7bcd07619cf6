using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC010NoOctalLiteralsTests
{
    private const string SampleMarkup = """
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int semid = [|semget(IPC_PRIVATE, 1, IPC_CREAT | 0660)|];
                if (semid == -1) return -1;
                return semctl(semid, 0, IPC_RMID);
            }
        }
        """;

    [Fact]
    public Task CodeFix_BinaryLiteral() => Verify.CodeFix<IPC010NoOctalLiteralsAnalyzer, IPC010NoOctalLiteralsCodeFix>(SampleMarkup, """
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0b110_110_000);
                if (semid == -1) return -1;
                return semctl(semid, 0, IPC_RMID);
            }
        }
        """, IPC010NoOctalLiteralsCodeFix.BinaryLiteralKey);

    [Fact]
    public Task CodeFix_Constants() => Verify.CodeFix<IPC010NoOctalLiteralsAnalyzer, IPC010NoOctalLiteralsCodeFix>(SampleMarkup, """
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP);
                if (semid == -1) return -1;
                return semctl(semid, 0, IPC_RMID);
            }
        }
        """, IPC010NoOctalLiteralsCodeFix.ConstantsKey);

    [Fact]
    public Task CodeFix_ConstField_FixesTheDeclaration() => Verify.CodeFix<IPC010NoOctalLiteralsAnalyzer, IPC010NoOctalLiteralsCodeFix>("""
        using static IpcSim.Libc;

        class Queue
        {
            private const int Permissions = 0700; // owner only

            public static int Open(int key) => [|msgget(key, IPC_CREAT | Permissions)|];
        }
        """, """
        using static IpcSim.Libc;

        class Queue
        {
            private const int Permissions = S_IRWXU; // owner only

            public static int Open(int key) => msgget(key, IPC_CREAT | Permissions);
        }
        """, IPC010NoOctalLiteralsCodeFix.ConstantsKey);

    [Fact]
    public Task CodeFix_Constants_ParenthesisedUnderPlus() => Verify.CodeFix<IPC010NoOctalLiteralsAnalyzer, IPC010NoOctalLiteralsCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key) => [|shmget(key, 4096, IPC_CREAT + 0640)|];
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static int M(int key) => shmget(key, 4096, IPC_CREAT + (S_IRUSR | S_IWUSR | S_IRGRP));
        }
        """, IPC010NoOctalLiteralsCodeFix.ConstantsKey);

    [Fact]
    public Task CodeFix_DllImport_OnlyTheBinaryLiteral() => Verify.CodeFix<IPC010NoOctalLiteralsAnalyzer, IPC010NoOctalLiteralsCodeFix>("""
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc")] private static extern int mkfifo(string path, uint mode);

            public static int Make() => [|mkfifo("/tmp/f", 0600u)|];
        }
        """, """
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc")] private static extern int mkfifo(string path, uint mode);

            public static int Make() => mkfifo("/tmp/f", 0b110_000_000u);
        }
        """, index: 0);

    [Fact]
    public async Task CodeFix_DllImport_OffersNoConstants()
    {
        var e = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => Verify.CodeFix<IPC010NoOctalLiteralsAnalyzer, IPC010NoOctalLiteralsCodeFix>("""
            using System.Runtime.InteropServices;

            static class Native
            {
                [DllImport("libc")] private static extern int mkfifo(string path, int mode);

                public static int Make() => [|mkfifo("/tmp/f", 0600)|];
            }
            """, "unused", IPC010NoOctalLiteralsCodeFix.ConstantsKey));
        Assert.Contains("No code action", e.Message);
    }
}
