using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC010NoOctalLiteralsTests
{
    [Fact]
    public Task Valid_BinaryLiteralAndConstants() => Verify.Analyzer<IPC010NoOctalLiteralsAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                _ = shmget(key, 4096, IPC_CREAT | 0b110_000_000);
                _ = semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                _ = msgget(key, IPC_CREAT | 0x1B0);
            }
        }
        """);

    [Fact]
    public Task Valid_ZeroAndSingleOctalDigit_MeanTheSame() => Verify.Analyzer<IPC010NoOctalLiteralsAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                _ = shmget(key, 4096, 0);
                _ = semget(key, 1, 00);
                _ = open("/tmp/f", O_CREAT | O_WRONLY, 07);
            }
        }
        """);

    [Fact]
    public Task Valid_LeadingZeroOutsideModeArguments() => Verify.Analyzer<IPC010NoOctalLiteralsAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                _ = shmget(key, 04096, IPC_CREAT | S_IRUSR | S_IWUSR);
                _ = semctl(0100, 0, IPC_RMID);
                System.Console.WriteLine(0600);
            }
        }
        """);

    [Fact]
    public Task Valid_ConstNotReachingTheCall() => Verify.Analyzer<IPC010NoOctalLiteralsAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            const int Retries = 010;

            static int M(int key)
            {
                int mode = 0600;
                System.Console.WriteLine(mode + Retries);
                return msgget(key, IPC_CREAT | S_IRUSR | S_IWUSR);
            }
        }
        """);

    [Fact]
    public Task Valid_DigitsThatAreNotOctal() => Verify.Analyzer<IPC010NoOctalLiteralsAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M() => mkfifo("/tmp/fifo", 0890 & S_IRWXU);
        }
        """);

    [Fact]
    public Task Valid_NoIpcSim_NoExterns() => Verify.Analyzer<IPC010NoOctalLiteralsAnalyzer>("""
        class C
        {
            static int Open(string path, int flags, int mode) => 0;
            static int M() => Open("/tmp/f", 0100, 0600);
        }
        """);
}
