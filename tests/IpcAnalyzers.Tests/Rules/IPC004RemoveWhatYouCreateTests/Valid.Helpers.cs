using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC004RemoveWhatYouCreateTests
{
    [Fact]
    public Task Valid_RemoveHelper() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void Remove(int shmid)
            {
                if (shmctl(shmid, IPC_RMID, null) == -1) perror("shmctl");
            }

            static void M()
            {
                int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (id == -1) return;
                Remove(id);
            }
        }
        """);

    [Fact]
    public Task Valid_CheckHelperReturnsItsArgument() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static int Check(int r, string what) => r == -1 ? throw new InvalidOperationException(what) : r;

            static void M()
            {
                int id = Check(semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR), "semget");
                Check(semctl(id, 0, IPC_RMID), "semctl");
            }
        }
        """);

    [Fact]
    public Task Valid_CreatingHelperAndCallerRemoves() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            private static int CreateQueue()
            {
                int id = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (id == -1) perror("msgget");
                return id;
            }

            static void M()
            {
                int q = CreateQueue();
                if (q == -1) return;
                _ = msgctl(q, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CreatingHelperCallerLeaks() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            private static int CreateQueue()
            {
                int id = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (id == -1) perror("msgget");
                return id;
            }

            static int M()
            {
                int q = [|CreateQueue()|];
                if (q == -1) return -1;
                var msg = new IpcSim.MsgBuf(1, 8);
                return msgsnd(q, msg, 8, 0);
            }
        }
        """);

    [Fact]
    public Task Valid_HelperStoresInFieldRemovedInDispose() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System;
        using System.Collections.Generic;
        using static IpcSim.Libc;

        sealed class Registry : IDisposable
        {
            private int current = -1;

            public void Adopt(int id) => current = id;

            public void Dispose()
            {
                if (current != -1) _ = semctl(current, 0, IPC_RMID);
            }

            public static void M(Registry registry)
            {
                int id = semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (id == -1) return;
                registry.Adopt(id);
            }
        }
        """);

    [Fact]
    public Task Valid_WrapperWithConstructorParameter() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        sealed class Segment : IDisposable
        {
            public Segment(int id) => Id = id;

            public int Id { get; }

            public void Dispose() => _ = shmctl(Id, IPC_RMID, null);

            public static Segment Create()
            {
                int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (id == -1) throw new InvalidOperationException(strerror(errno));
                return new Segment(id);
            }

            public static void Use()
            {
                using var segment = Create();
            }
        }
        """);

    [Fact]
    public Task Valid_RemovedByKeyLookupElsewhere() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class Server
        {
            const int Key = 0x1234;

            static int Start()
            {
                int id = msgget(Key, IPC_CREAT | IPC_EXCL | S_IRUSR | S_IWUSR);
                if (id == -1) return -1;
                var msg = new IpcSim.MsgBuf(1, 8);
                return msgsnd(id, msg, 8, 0);
            }

            static void Stop()
            {
                int id = msgget(Key, 0);
                if (id != -1) _ = msgctl(id, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public Task Valid_RemovedByFtokKeyLookupInSameMethod() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                if (shmget(ftok("/tmp", 'A'), 64, IPC_CREAT | S_IRUSR | S_IWUSR) == -1) return;
                int again = shmget(ftok("/tmp", 'A'), 0, 0);
                if (again == -1) return;
                _ = shmctl(again, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public Task Valid_BoolHelperCheck() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static bool Ok(int r) => r != -1;

            static void M()
            {
                int id = semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (!Ok(id)) return;
                _ = semctl(id, 0, IPC_RMID);
            }
        }
        """);
}
