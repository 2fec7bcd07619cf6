using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC004RemoveWhatYouCreateTests
{
    [Fact]
    public Task Valid_ForkThenWaitThenRemove() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int Main()
            {
                int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (semid == -1) { perror("semget"); return 1; }
                int pid = fork(() =>
                {
                    var v = new[] { new IpcSim.Sembuf(0, 1, 0) };
                    return semop(semid, v, 1) == -1 ? 1 : 0;
                });
                if (pid != -1)
                {
                    while (waitpid(pid, out _, 0) == -1 && errno == EINTR) { }
                }

                if (semctl(semid, 0, IPC_RMID) == -1) perror("semctl");
                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_StaticRemovedOnProcessExit() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        static class Server
        {
            private static int queue = -1;

            public static void Run()
            {
                queue = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (queue == -1) return;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _ = msgctl(queue, IPC_RMID, null);
                var msg = new IpcSim.MsgBuf(0, 64);
                while (msgrcv(queue, msg, 64, 0, 0) != -1 || errno == EINTR) { }
            }
        }
        """);

    [Fact]
    public Task Valid_StaticRemovedInSignalHandlerMethod() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        static class Server
        {
            private static int Queue { get; set; } = -1;

            private static void OnSigterm(int sig)
            {
                _ = msgctl(Queue, IPC_RMID, null);
                _exit(0);
            }

            public static int Run()
            {
                Queue = msgget(0x5150, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (Queue == -1) return 1;
                if (sigaction(SIGTERM, new SigAction { sa_handler = OnSigterm }, null) == -1) return 1;
                for (;;) pause();
            }
        }
        """);

    [Fact]
    public Task Valid_LocalRemovedInCancelKeyPressHandler() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        static class Server
        {
            public static void Run()
            {
                int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (id == -1) return;
                Console.CancelKeyPress += (_, _) => _ = shmctl(id, IPC_RMID, null);
                for (;;) pause();
            }
        }
        """);

    [Fact]
    public Task Valid_IdPublishedThroughMessage() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class Client
        {
            static int Ask(int serverQueue)
            {
                int reply = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (reply == -1) return -1;
                var request = new MsgBuf(1, 4);
                BitConverter.TryWriteBytes(request.mtext, reply);
                return msgsnd(serverQueue, request, 4, 0);
            }
        }
        """);

    [Fact]
    public Task Valid_IdPublishedAsMtype() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class Client
        {
            static int Ask(int serverQueue)
            {
                int reply = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (reply == -1) return -1;
                var request = new MsgBuf(1, 4) { mtype = reply };
                return msgsnd(serverQueue, request, 4, 0);
            }
        }
        """);

    [Fact]
    public Task Valid_IdKeptInCollection() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System.Collections.Generic;
        using static IpcSim.Libc;

        class Pool
        {
            private readonly List<int> ids = new();

            public void Grow()
            {
                int id = semget(IPC_PRIVATE, 4, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (id != -1) ids.Add(id);
            }
        }
        """);

    [Fact]
    public Task Valid_OutParameter() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            public static bool TryCreate(out int id)
            {
                id = shmget(IPC_PRIVATE, 64, IPC_CREAT | S_IRUSR | S_IWUSR);
                return id != -1;
            }
        }
        """);

    [Fact]
    public Task Valid_NonConstantFlags() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int Open(int key, int flags) => msgget(key, flags);
        }
        """);

    [Fact]
    public Task Valid_TopLevelStatements() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        int id = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
        if (id == -1) return 1;
        if (msgctl(id, IPC_RMID, null) == -1) perror("msgctl");
        return 0;
        """);

    [Fact]
    public Task Diagnostic_TopLevelStatementsNeverRemove() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        int id = [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|];
        if (id == -1) return 1;
        return 0;
        """);

    [Fact]
    public Task Diagnostic_FieldNeverRemoved() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        sealed class Holder
        {
            private readonly int id;

            public Holder() => id = [|semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR)|];

            public int Value() => semctl(id, 0, GETVAL);
        }
        """);

    [Fact]
    public Task Diagnostic_FieldInitializerNeverRemoved() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        sealed class Holder
        {
            private readonly int id = [|msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR)|];

            public int Id => id;
        }
        """);

    [Fact]
    public Task Valid_FieldInitializerRemovedInClose() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        sealed class Holder
        {
            private readonly int id = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);

            public void Close()
            {
                int copy = id;
                if (copy != -1) _ = msgctl(copy, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public Task Valid_LambdaCreatesIntoOuterLocalThatTheMethodRemoves() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void RunAs(Action action) => action();

            static void M()
            {
                var id = -1;
                RunAs(() => id = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR));
                if (id != -1) _ = msgctl(id, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public Task Valid_BrokenCodeDoesNotThrow() => Verify.BrokenCode<IPC004RemoveWhatYouCreateAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            int f = msgget(IPC_PRIVATE, ;

            void M()
            {
                int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | Missing);
                if (id == -1) return
                var x = semget(;
                Undefined(id);
                int q = msgget(IPC_PRIVATE, IPC_CREAT);
                msgctl(q, IPC_RMID, null)
                _ = shmctl(id, IPC_RMID, null);
            }
        }
        """);
}
