using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC011RacySemaphoreInitialisationTests
{
    [Fact]
    public Task Diagnostic_SetvalAfterCheck_AsInTheSample() => Verify.Analyzer<IPC011RacySemaphoreInitialisationAnalyzer>("""
        using static IpcSim.Libc;

        public static class C
        {
            public static int OpenLock(int key)
            {
                int semid = [|semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (semid == -1) return -1;
                if (semctl(semid, 0, SETVAL, 1) == -1) return -1;
                return semid;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SetallWithoutCheck_ConstFlags() => Verify.Analyzer<IPC011RacySemaphoreInitialisationAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            const int Flags = IPC_CREAT | 0b110_000_000;

            static void M()
            {
                int key = ftok("/tmp", 'S');
                int semid = [|semget(key, 2, Flags)|];
                _ = semctl(semid, 0, SETALL, new ushort[] { 1, 1 });
            }
        }
        """);

    [Fact]
    public Task Diagnostic_FailureTestedWithLessThanZero_AndIsPattern() => Verify.Analyzer<IPC011RacySemaphoreInitialisationAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int A(int key)
            {
                int id = [|semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (id < 0) throw new System.InvalidOperationException(strerror(errno));
                return semctl(id, 0, SETVAL, 1);
            }

            static int B(int key)
            {
                int id;
                if ((id = [|semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|]) is -1) return -1;
                return semctl(id, 0, SETVAL, 0);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InitialisedDirectly() => Verify.Analyzer<IPC011RacySemaphoreInitialisationAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key) => semctl([|semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|], 0, SETVAL, 1);
        }
        """);

    [Fact]
    public Task Diagnostic_HelperReturnsTheId_CallerInitialises() => Verify.Analyzer<IPC011RacySemaphoreInitialisationAnalyzer>([
        """
        using static IpcSim.Libc;

        static class Semaphores
        {
            public static int Get(int key)
            {
                int id = [|semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                return id;
            }
        }
        """,
        """
        using static IpcSim.Libc;

        sealed class Gate
        {
            private readonly int semid;

            public Gate(int key)
            {
                semid = Semaphores.Get(key);
                if (semid == -1) throw new System.InvalidOperationException("semget");
            }

            public static int Open(int key)
            {
                int id = Semaphores.Get(key);
                if (id == -1) return -1;
                _ = semctl(id, 0, SETVAL, 1);
                return id;
            }

            public static int OpenAgain(int key)
            {
                int id = Semaphores.Get(key);
                return semctl(id, 0, SETVAL, 1) == -1 ? -1 : id;
            }
        }
        """]);

    [Fact]
    public Task Diagnostic_InsideForkChild() => Verify.Analyzer<IPC011RacySemaphoreInitialisationAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key) => fork(() =>
            {
                int semid = [|semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (semid == -1) return 1;
                return semctl(semid, 0, SETVAL, 1) == -1 ? 1 : 0;
            });
        }
        """);

    [Fact]
    public Task Diagnostic_DllImportExtern() => Verify.Analyzer<IPC011RacySemaphoreInitialisationAnalyzer>("""
        using System.Runtime.InteropServices;

        static class Native
        {
            private const int IPC_CREAT = 0x200, SETVAL = 16;

            [DllImport("libc", SetLastError = true)] private static extern int semget(int key, int nsems, int semflg);
            [DllImport("libc", SetLastError = true)] private static extern int semctl(int semid, int semnum, int cmd, int arg);

            public static int Open(int key)
            {
                int id = [|semget(key, 1, IPC_CREAT | 0b110_000_000)|];
                if (id == -1) return -1;
                return semctl(id, 0, SETVAL, 1) == -1 ? -1 : id;
            }
        }
        """);

    [Theory]
    [InlineData("int id = semget(key, 1, IPC_CREAT | S_IRUSR); _ = semctl(id, 0, SETVAL, );")]
    [InlineData("int id = semget(key, 1, IPC_CREAT | undefined); _ = semctl(id, 0, SETVAL, 1);")]
    [InlineData("int id = [|semget(key, 1, IPC_CREAT | S_IRUSR)|] if (id == -1) return; _ = semctl(id, 0, SETVAL, 1);")]
    [InlineData("_ = semctl(Missing(key), 0, SETVAL, 1);")]
    public Task Diagnostic_BrokenCode_NoException(string body) => Verify.BrokenCode<IPC011RacySemaphoreInitialisationAnalyzer>($$"""
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
