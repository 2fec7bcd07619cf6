using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC001CheckResultTests
{
    [Fact]
    public Task Valid_ThrowingCheckHelper() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static int Check(int r, string what)
            {
                if (r == -1) throw new InvalidOperationException($"{what}: {strerror(errno)}");
                return r;
            }

            static void M(int key)
            {
                int id = shmget(key, 4096, 0);
                Check(id, "shmget");
                Check(shmctl(id, IPC_RMID, null), "shmctl");
            }
        }
        """);

    [Fact]
    public Task Valid_BoolHelperInIf() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static bool Ok(int r) => r != -1;

            static void M(int key)
            {
                int id = semget(key, 1, 0);
                if (!Ok(id)) return;
                _ = semctl(id, 0, IPC_RMID);
            }
        }
        """);

    [Fact]
    public Task Valid_DieHelperThatExits() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void Die(string what)
            {
                perror(what);
                exit(1);
            }

            static void M(int key)
            {
                int id = msgget(key, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (id == -1) Die("msgget");
                if (msgctl(id, IPC_RMID, null) == -1) Die("msgctl");
            }
        }
        """);

    [Fact]
    public Task Valid_CallerChecksHelperResult() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int Attach(int key)
            {
                int id = shmget(key, 0, 0);
                if (id == -1) { perror("shmget"); return -1; }
                return id;
            }

            static int Main()
            {
                int id = Attach(42);
                if (id < 0) return 1;
                return 0;
            }
        }
        """);
}
