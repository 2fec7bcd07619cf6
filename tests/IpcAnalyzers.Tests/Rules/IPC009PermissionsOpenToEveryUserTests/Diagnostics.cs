using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC009PermissionsOpenToEveryUserTests
{
    [Fact]
    public Task Diagnostic_WorldWritableSegment_AsInTheSample() => Verify.Analyzer<IPC009PermissionsOpenToEveryUserAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int CreateWorldWritable(int key)
            {
                int shmid = [|shmget(key, 4096, IPC_CREAT | 0b110_110_110)|];
                if (shmid == -1) return -1;
                return shmctl(shmid, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public async Task Diagnostic_Message_ShowsModeAndAccess()
    {
        var compilation = TestCompilation.Create(["""
            using static IpcSim.Libc;
            class C { static int M() => semget(IPC_PRIVATE, 1, S_IRUSR | S_IWUSR | S_IROTH); }
            """]);
        var diagnostic = Assert.Single(await TestCompilation.AnalyzeAsync(compilation, [new IPC009PermissionsOpenToEveryUserAnalyzer()]));
        Assert.Equal(
            "The mode 0o604 (rw----r--) lets every user read this object; narrow it to owner and group",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task Diagnostic_IpcPrivateWithoutIpcCreat() => Verify.Analyzer<IPC009PermissionsOpenToEveryUserAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M() => [|msgget(IPC_PRIVATE, S_IRUSR | S_IWUSR | S_IWOTH)|];
        }
        """);

    [Fact]
    public Task Diagnostic_ThroughConstFieldAndLocal() => Verify.Analyzer<IPC009PermissionsOpenToEveryUserAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            const int Everyone = S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH;

            static void M(int key)
            {
                _ = [|semget(key, 1, IPC_CREAT | Everyone)|];
                int flags = IPC_CREAT | IPC_EXCL | S_IRWXU | S_IRWXO;
                _ = [|msgget(key, flags)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_FifoAndOpenWithCreate() => Verify.Analyzer<IPC009PermissionsOpenToEveryUserAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                _ = [|mkfifo("/tmp/fifo", S_IRWXU | S_IRWXG | S_IRWXO)|];
                _ = [|open("/tmp/log", O_CREAT | O_WRONLY, 0b110_100_100)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_HelperPassesConstantThroughWrapper() => Verify.Analyzer<IPC009PermissionsOpenToEveryUserAnalyzer>("""
        using static IpcSim.Libc;

        static class Segments
        {
            public const int Public = 0b110_110_110;

            public static int Create(int key) => [|shmget(key, 4096, IPC_CREAT | Public)|];
        }
        """);

    [Fact]
    public Task Diagnostic_DllImportExtern() => Verify.Analyzer<IPC009PermissionsOpenToEveryUserAnalyzer>("""
        using System.Runtime.InteropServices;

        static class Native
        {
            private const int IPC_CREAT = 0x200;

            [DllImport("libc", SetLastError = true)]
            private static extern int semget(int key, int nsems, int semflg);

            public static int Create(int key) => [|semget(key, 1, IPC_CREAT | 0b110_110_110)|];
        }
        """);

    [Fact]
    public Task Diagnostic_OctalLookalike_IsWhatTheCompilerSees() => Verify.Analyzer<IPC009PermissionsOpenToEveryUserAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            // 0666 is decimal 666 = 0o1232: IPC_CREAT, S_IWUSR, S_IWGRP, S_IXGRP and S_IWOTH.
            static int M() => [|shmget(IPC_PRIVATE, 4096, 0666)|];
        }
        """);

    [Theory]
    [InlineData("_ = [|shmget(key, 4096, IPC_CREAT | S_IROTH)|] +;")]
    [InlineData("_ = semget(key, 1, IPC_CREAT | undefined);")]
    [InlineData("_ = mkfifo(S_IROTH);")]
    [InlineData("int flags = IPC_CREAT | S_IWOTH _ = [|msgget(key, flags)|];")]
    public Task Diagnostic_BrokenCode_NoException(string body) => Verify.BrokenCode<IPC009PermissionsOpenToEveryUserAnalyzer>($$"""
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
