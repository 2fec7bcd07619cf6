using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC011RacySemaphoreInitialisationTests
{
    [Fact]
    public Task FixAll_Document_TwoSetsInOneMethod() => Verify.FixAll<IPC011RacySemaphoreInitialisationAnalyzer, IPC011RacySemaphoreInitialisationCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key)
            {
                int mutex = [|semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (mutex == -1) return -1;
                int items = [|semget(key + 1, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                if (items == -1) return -1;
                _ = semctl(mutex, 0, SETVAL, 1);
                _ = semctl(items, 0, SETVAL, 0);
                return 0;
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static int M(int key)
            {
                int mutex = semget(key, 1, IPC_CREAT | IPC_EXCL | S_IRUSR | S_IWUSR);
                bool created = mutex != -1;
                if (!created && errno == EEXIST) mutex = semget(key, 1, 0);
                if (mutex == -1) return -1;
                int items = semget(key + 1, 1, IPC_CREAT | IPC_EXCL | S_IRUSR | S_IWUSR);
                bool itemsCreated = items != -1;
                if (items == -1) return -1;
                if (created) _ = semctl(mutex, 0, SETVAL, 1);
                if (itemsCreated) _ = semctl(items, 0, SETVAL, 0);
                return 0;
            }
        }
        """);
}
