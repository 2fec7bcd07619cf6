using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC001CheckResultTests
{
    [Fact]
    public Task Diagnostic_CheckedOnOneBranchOnly() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key, bool verbose)
            {
                int id = [|semget(key, 1, 0)|];
                if (verbose)
                {
                    if (id == -1) return;
                }

                _ = semctl(id, 0, IPC_RMID);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_EarlyReturnBeforeCheck() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key, bool quick)
            {
                int id = [|msgget(key, 0)|];
                if (quick) return msgctl(id, IPC_RMID, null);
                if (id == -1) return -1;
                return msgctl(id, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InLoop_UsedBeforeCheck() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int[] keys)
            {
                foreach (var key in keys)
                {
                    int id = [|shmget(key, 0, 0)|];
                    _ = shmctl(id, IPC_RMID, null);
                    if (id == -1) continue;
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InCatchPath() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void Work() { }

            static void M(int semid)
            {
                try
                {
                    Work();
                }
                catch (InvalidOperationException)
                {
                    [|semctl(semid, 0, IPC_RMID)|];
                    throw;
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InFinally() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(nint p)
            {
                try
                {
                    System.Console.WriteLine("work");
                }
                finally
                {
                    [|shmdt(p)|];
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SwitchArm() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int kind, int id)
            {
                switch (kind)
                {
                    case 0:
                        _ = shmctl(id, IPC_RMID, null);
                        break;
                    case 1:
                        [|semctl(id, 0, IPC_RMID)|];
                        break;
                    default:
                        if (msgctl(id, IPC_RMID, null) == -1) perror("msgctl");
                        break;
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InLambda() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int fd)
            {
                int pid = fork(() =>
                {
                    [|close(fd)|];
                    return 0;
                });
                return pid == -1 ? 1 : 0;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InLocalFunction() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                Cleanup();

                void Cleanup()
                {
                    [|shmctl(shmid, IPC_RMID, null)|];
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ExceptionPath_CatchUsesResultTheTryRejected() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                int id = [|semget(key, 1, 0)|];
                try
                {
                    if (id == -1) throw new InvalidOperationException("semget");
                    _ = semctl(id, 0, SETVAL, 1);
                }
                catch (InvalidOperationException)
                {
                    _ = semctl(id, 0, IPC_RMID);
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ResultReassignedInLoop_UsedUnchecked() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int fd, byte[] buf)
            {
                long n = read(fd, buf, buf.Length);
                while (n > 0)
                {
                    _ = write(1, buf, n);
                    n = [|read(fd, buf, buf.Length)|];
                    _ = write(2, buf, n);
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_HelperResultDiscarded() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int Remove(int id) => shmctl(id, IPC_RMID, null);

            static void M(int id)
            {
                [|Remove(id)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_TupleDeconstruction() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                var (shmid, semid) = ([|shmget(key, 4096, 0)|], semget(key, 1, 0));
                if (semid == -1) return;
                _ = shmctl(shmid, IPC_RMID, null);
                _ = semctl(semid, 0, IPC_RMID);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_StoredInField_UsedUnchecked() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            private int shmid;

            void Open(int key)
            {
                shmid = [|shmget(key, 4096, 0)|];
                _ = shmctl(shmid, IPC_STAT, null);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_DllImportExtern() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int close(int fd);

            static void M(int fd)
            {
                [|close(fd)|];
            }
        }
        """);
    [Fact]
    public Task Diagnostic_DllImportRenamedThroughEntryPoint() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int pipe(int[] fds);

            [DllImport("libc", EntryPoint = "close", SetLastError = true)]
            private static extern int CloseDescriptor(int fd);

            static void M(int fd)
            {
                [|CloseDescriptor(fd)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_HelperResultDiscardedInConstructor() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class Segment
        {
            private static int Create(int key) => shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);

            public Segment(int key)
            {
                [|Create(key)|];
            }
        }
        """);
}
