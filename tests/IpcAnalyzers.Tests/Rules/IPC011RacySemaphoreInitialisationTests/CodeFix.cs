using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC011RacySemaphoreInitialisationTests
{
    [Fact]
    public Task CodeFix_TheSample() => Verify.CodeFix<IPC011RacySemaphoreInitialisationAnalyzer, IPC011RacySemaphoreInitialisationCodeFix>("""
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
        """, """
        using static IpcSim.Libc;

        public static class C
        {
            public static int OpenLock(int key)
            {
                int semid = semget(key, 1, IPC_CREAT | IPC_EXCL | S_IRUSR | S_IWUSR);
                bool created = semid != -1;
                if (!created && errno == EEXIST) semid = semget(key, 1, 0);
                if (semid == -1) return -1;
                if (created && semctl(semid, 0, SETVAL, 1) == -1) return -1;
                return semid;
            }
        }
        """);

    [Fact]
    public Task CodeFix_ExpressionStatement_ConstFlags_NameTaken() => Verify.CodeFix<IPC011RacySemaphoreInitialisationAnalyzer, IPC011RacySemaphoreInitialisationCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            const int Flags = IPC_CREAT | 0b110_000_000;

            static int M(int key, bool created)
            {
                int set;
                set = [|semget(key, 2, Flags)|];
                if (set < 0) return -1;
                _ = semctl(set, 0, SETALL, new ushort[] { 1, 1 });
                return created ? set : -1;
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            const int Flags = IPC_CREAT | 0b110_000_000;

            static int M(int key, bool created)
            {
                int set;
                set = semget(key, 2, Flags | IPC_EXCL);
                bool setCreated = set != -1;
                if (!setCreated && errno == EEXIST) set = semget(key, 2, 0);
                if (set < 0) return -1;
                if (setCreated) _ = semctl(set, 0, SETALL, new ushort[] { 1, 1 });
                return created ? set : -1;
            }
        }
        """);

    [Fact]
    public Task CodeFix_QualifiedLibc() => Verify.CodeFix<IPC011RacySemaphoreInitialisationAnalyzer, IPC011RacySemaphoreInitialisationCodeFix>("""
        using IpcSim;

        class C
        {
            static int M(int key)
            {
                int id = [|Libc.semget(key, 1, Libc.IPC_CREAT | Libc.S_IRWXU)|];
                if (id == -1 || Libc.semctl(id, 0, Libc.SETVAL, 1) == -1) return -1;
                return id;
            }
        }
        """, """
        using IpcSim;

        class C
        {
            static int M(int key)
            {
                int id = Libc.semget(key, 1, Libc.IPC_CREAT | Libc.IPC_EXCL | Libc.S_IRWXU);
                bool created = id != -1;
                if (!created && Libc.errno == Libc.EEXIST) id = Libc.semget(key, 1, 0);
                if (created && (id == -1 || Libc.semctl(id, 0, Libc.SETVAL, 1) == -1)) return -1;
                return id;
            }
        }
        """);

    [Fact]
    public Task CodeFix_NoFixWhenInitialisedInAReturn() => Verify.NoCodeFix<IPC011RacySemaphoreInitialisationAnalyzer, IPC011RacySemaphoreInitialisationCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key)
            {
                int id = [|semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (id == -1) return -1;
                return semctl(id, 0, SETVAL, 1);
            }
        }
        """);

    [Fact]
    public Task CodeFix_NoFixWhenTheCallerInitialises() => Verify.NoCodeFix<IPC011RacySemaphoreInitialisationAnalyzer, IPC011RacySemaphoreInitialisationCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int Get(int key) => [|semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];

            static void M(int key)
            {
                int id = Get(key);
                if (id == -1) return;
                _ = semctl(id, 0, SETVAL, 1);
            }
        }
        """);
}
