using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC011RacySemaphoreInitialisationTests
{
    [Fact]
    public Task Valid_ExclusiveCreate_InitialiseOnSuccess_FallBackOnEexist() => Verify.Analyzer<IPC011RacySemaphoreInitialisationAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int OpenLock(int key)
            {
                int semid = semget(key, 1, IPC_CREAT | IPC_EXCL | S_IRUSR | S_IWUSR);
                if (semid != -1)
                {
                    if (semctl(semid, 0, SETVAL, 1) == -1) return -1;
                    return semid;
                }

                if (errno != EEXIST) return -1;
                semid = semget(key, 1, 0);
                if (semid == -1) return -1;
                var ds = new SemidDs();
                while (semctl(semid, 0, IPC_STAT, ds) != -1 && ds.sem_otime == 0) _ = usleep(1000);
                return semid;
            }
        }
        """);

    [Fact]
    public Task Valid_IpcPrivate() => Verify.Analyzer<IPC011RacySemaphoreInitialisationAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int semid = semget(IPC_PRIVATE, 2, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (semid == -1) return -1;
                if (semctl(semid, 0, SETALL, new ushort[] { 1, 0 }) == -1) return -1;
                return semid;
            }
        }
        """);

    [Fact]
    public Task Valid_OpenWithoutCreate_ThenSetval() => Verify.Analyzer<IPC011RacySemaphoreInitialisationAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int Reset(int key)
            {
                int semid = semget(key, 1, 0);
                if (semid == -1) return -1;
                return semctl(semid, 0, SETVAL, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_InitialisationOnlyOnSomePaths() => Verify.Analyzer<IPC011RacySemaphoreInitialisationAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int Open(int key, bool isServer)
            {
                int semid = semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (semid == -1) return -1;
                if (isServer) _ = semctl(semid, 0, SETVAL, 1);
                return semid;
            }
        }
        """);

    [Fact]
    public Task Valid_FlagsUnknown_OrOtherLocalInitialised() => Verify.Analyzer<IPC011RacySemaphoreInitialisationAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key, int flags, int other)
            {
                int a = semget(key, 1, flags);
                if (a != -1) _ = semctl(a, 0, SETVAL, 1);
                int b = semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                _ = semctl(other, 0, SETVAL, 1);
                b = semget(key + 1, 1, IPC_CREAT | IPC_EXCL | S_IRUSR | S_IWUSR);
                _ = semctl(b, 0, SETVAL, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_HelperReturnsExclusiveId() => Verify.Analyzer<IPC011RacySemaphoreInitialisationAnalyzer>("""
        using static IpcSim.Libc;

        static class Locks
        {
            static int Create(int key) => semget(key, 1, IPC_CREAT | IPC_EXCL | S_IRUSR | S_IWUSR);

            public static int Open(int key)
            {
                int semid = Create(key);
                if (semid == -1) return -1;
                return semctl(semid, 0, SETVAL, 1) == -1 ? -1 : semid;
            }
        }
        """);
}
