using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC001CheckResultTests
{
    [Fact]
    public Task Valid_ApiMdExample() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Main()
            {
                int key = ftok(".", 'A');
                if (key == -1) { perror("ftok"); return 1; }
                int shmid = shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (shmid == -1) { perror("shmget"); return 1; }
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) { perror("shmat"); return 1; }
                if (shmdt(addr) == -1) perror("shmdt");
                if (shmctl(shmid, IPC_RMID, null) == -1) perror("shmctl");
                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_ExplicitDiscard() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(nint p, int fd)
            {
                _ = shmdt(p);
                _ = close(fd);
            }
        }
        """);

    [Theory]
    [InlineData("id < 0")]
    [InlineData("id is -1")]
    [InlineData("id <= -1")]
    [InlineData("-1 == id")]
    [InlineData("0 > id")]
    [InlineData("id is < 0")]
    public Task Valid_CheckStyles(string failed) => Verify.Analyzer<IPC001CheckResultAnalyzer>($$"""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key)
            {
                int id = semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                if ({{failed}}) return -1;
                return semctl(id, 0, SETVAL, 1);
            }
        }
        """);

    [Theory]
    [InlineData("p == (nint)(-1)")]
    [InlineData("p == new System.IntPtr(-1)")]
    [InlineData("p == (System.IntPtr)(-1)")]
    [InlineData("p is -1")]
    public Task Valid_ShmatCheckStyles(string failed) => Verify.Analyzer<IPC001CheckResultAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if ({{failed}}) throw new System.InvalidOperationException(strerror(errno));
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_IsNotMinusOne() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                if (msgget(key, 0) is not -1 and var id)
                {
                    _ = msgctl(id, IPC_RMID, null);
                }
            }
        }
        """);

    [Fact]
    public Task Valid_ReturnedToCaller() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int Create(int key) => shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);

            static int Open(int key)
            {
                int id = shmget(key, 0, 0);
                return id;
            }

            static int Main()
            {
                int id = Create(1234);
                if (id == -1) return 1;
                int other = Open(1234);
                return other < 0 ? 1 : 0;
            }
        }
        """);
}
