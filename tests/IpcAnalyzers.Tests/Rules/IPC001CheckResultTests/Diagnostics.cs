using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC001CheckResultTests
{
    [Fact]
    public Task Diagnostic_DiscardedShmdt() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(nint p)
            {
                [|shmdt(p)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_IdUsedWithoutCheck() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static nint M(int key)
            {
                int shmid = [|shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                return p;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_NestedCall_ResultUsedDirectly() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static nint M(int key) => shmat([|shmget(key, 4096, 0)|], 0, 0);
        }
        """);

    [Fact]
    public Task Diagnostic_AddressUsedByMem() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = [|shmat(shmid, 0, 0)|];
                _ = shmdt(p + 4);
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ReadLengthUsedAsCount() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static string M(int fd)
            {
                var buf = new byte[64];
                long n = [|read(fd, buf, buf.Length)|];
                return System.Text.Encoding.UTF8.GetString(buf, 0, (int)n);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SeveralDiscardedCalls() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, int semid, int fd)
            {
                [|shmctl(shmid, IPC_RMID, null)|];
                [|semctl(semid, 0, IPC_RMID)|];
                [|close(fd)|];
            }
        }
        """);
}
