using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC010NoOctalLiteralsTests
{
    [Fact]
    public Task Diagnostic_InlineLiteral_AsInTheSample() => Verify.Analyzer<IPC010NoOctalLiteralsAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int semid = [|semget(IPC_PRIVATE, 1, IPC_CREAT | 0600)|];
                if (semid == -1) return -1;
                return semctl(semid, 0, IPC_RMID);
            }
        }
        """);

    [Fact]
    public async Task Diagnostic_Message_NamesLiteralDecimalAndFix()
    {
        var compilation = TestCompilation.Create(["""
            using static IpcSim.Libc;
            class C { static int M(int key) => shmget(key, 4096, IPC_CREAT | 0666); }
            """]);
        var diagnostic = Assert.Single(await TestCompilation.AnalyzeAsync(compilation, [new IPC010NoOctalLiteralsAnalyzer()]));
        Assert.Equal(
            "'0666' is the decimal 666, not octal; write 0b110_110_110 (S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH)",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0666", Assert.Single(diagnostic.AdditionalLocations).SourceTree!.ToString().Substring(Assert.Single(diagnostic.AdditionalLocations).SourceSpan.Start, 4));
    }

    [Fact]
    public Task Diagnostic_ConstField_ReportedAtEveryCall() => Verify.Analyzer<IPC010NoOctalLiteralsAnalyzer>("""
        using static IpcSim.Libc;

        class Queue
        {
            private const int Permissions = 0660;

            public static int Open(int key) => [|msgget(key, IPC_CREAT | Permissions)|];

            public static int Segment(int key) => [|shmget(key, 4096, IPC_CREAT | IPC_EXCL | Permissions)|];
        }
        """);

    [Fact]
    public Task Diagnostic_ConstLocalAndLocal() => Verify.Analyzer<IPC010NoOctalLiteralsAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                const int mode = 0644;
                int flags = IPC_CREAT | 0600;
                _ = [|shmget(key, 4096, IPC_CREAT | mode)|];
                _ = [|semget(key, 1, flags)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ConstInAnotherFile() => Verify.Analyzer<IPC010NoOctalLiteralsAnalyzer>([
        """
        using static IpcSim.Libc;

        class C
        {
            static int M(int key) => [|semget(key, 1, IPC_CREAT | Modes.OwnerOnly)|];
        }
        """,
        """
        static class Modes
        {
            public const int OwnerOnly = 0600;
        }
        """]);

    [Fact]
    public Task Diagnostic_MkfifoAndOpenModes() => Verify.Analyzer<IPC010NoOctalLiteralsAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                _ = [|mkfifo("/tmp/fifo", 0666)|];
                _ = [|open("/tmp/log", O_CREAT | O_WRONLY, 0640)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_DllImportExtern() => Verify.Analyzer<IPC010NoOctalLiteralsAnalyzer>("""
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int shmget(int key, nint size, int shmflg);

            private const int IPC_CREAT = 0x200;

            public static int Create(int key) => [|shmget(key, 4096, IPC_CREAT | 0666)|];
        }
        """);

    [Fact]
    public Task Diagnostic_WrapperClassWithReadonlyField() => Verify.Analyzer<IPC010NoOctalLiteralsAnalyzer>("""
        using static IpcSim.Libc;

        sealed class SharedCounter
        {
            private static readonly int Mode = 0600;
            private readonly int shmid;

            public SharedCounter(int key) => shmid = [|shmget(key, sizeof(long), IPC_CREAT | Mode)|];

            public int Id => shmid;
        }
        """);

    [Theory]
    [InlineData("_ = [|shmget(key, 4096, IPC_CREAT | 0600)|] +;")]
    [InlineData("const int m = 0600 _ = [|semget(key, 1, m)|];")]
    [InlineData("_ = msgget(key, IPC_CREAT | undefined | 0600);")]
    [InlineData("_ = mkfifo(, 0600);")]
    public Task Diagnostic_BrokenCode_NoException(string body) => Verify.BrokenCode<IPC010NoOctalLiteralsAnalyzer>($$"""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                {{body}}
            }
        }
        """);
}
