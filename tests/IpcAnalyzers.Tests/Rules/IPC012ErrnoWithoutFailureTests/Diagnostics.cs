using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC012ErrnoWithoutFailureTests
{
    [Fact]
    public Task Diagnostic_PerrorOnSuccessBranch() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                int id = shmget(key, 4096, 0);
                if (id != -1)
                {
                    [|perror("shmget")|];
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ErrnoAfterSuccessCheck() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key)
            {
                int id = semget(key, 1, 0);
                if (id == -1) return -1;
                return [|errno|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_AnotherCallBetweenFailureAndRead() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1)
                {
                    _ = shmctl(shmid, IPC_RMID, null);
                    [|perror("shmat")|];
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_StrerrorInElse() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int fd)
            {
                if (close(fd) == -1)
                {
                    Console.WriteLine("close failed");
                }
                else
                {
                    Console.WriteLine(strerror([|errno|]));
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_AfterLoopExitOnSuccess() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int fd, byte[] buf)
            {
                long n;
                while ((n = read(fd, buf, buf.Length)) != -1)
                {
                    System.Console.WriteLine(n);
                    if (n == 0) break;
                }

                if (n == 0) System.Console.WriteLine([|errno|]);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SwitchArmOnSuccess() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                int pid = fork(() => 0);
                switch (pid)
                {
                    case -1:
                        perror("fork");
                        break;
                    case 0:
                        break;
                    default:
                        if (kill(pid, SIGTERM) == 0) [|perror("kill")|];
                        break;
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InLambda() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int fd)
            {
                Action a = () =>
                {
                    if (close(fd) == 0) Console.WriteLine([|errno|]);
                };
                a();
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InLocalFunction() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int semid)
            {
                Remove();

                void Remove()
                {
                    if (semctl(semid, 0, IPC_RMID) != -1) [|perror("semctl")|];
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InCatchAfterAnotherCall() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int msqid)
            {
                try
                {
                    if (msgctl(msqid, IPC_RMID, null) == -1) throw new InvalidOperationException();
                }
                catch (InvalidOperationException)
                {
                    _ = unlink("/tmp/queue");
                    [|perror("msgctl")|];
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_DllImportWithGetLastPInvokeError() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int close(int fd);

            static int M(int fd)
            {
                if (close(fd) == 0) return [|Marshal.GetLastPInvokeError()|];
                return 0;
            }
        }
        """);

    [Theory]
    [InlineData("if (shmget(1, 1, 0) != -1) perror(\"x\"); int e = ;")]
    [InlineData("int r = shmdt(0); if (r == 0) { int e = errno")]
    [InlineData("perror(")]
    public Task Diagnostic_BrokenCode_NoException(string body) => Verify.BrokenCode<IPC012ErrnoWithoutFailureAnalyzer>($$"""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                {{body.Replace("perror(\"x\")", "[|perror(\"x\")|]").Replace("int e = errno", "int e = [|errno|]")}}
            }
        }
        """);
}
