using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC006RetryOnEintrTests
{
    [Fact]
    public Task Diagnostic_SemopP_FailureWithoutEintr() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Lock(int semid)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                if ([|semop(semid, p, 1)|] == -1)
                {
                    perror("semop");
                    return -1;
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_Msgrcv_ThrowsOnFailure() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static long Receive(int msqid, MsgBuf buf)
            {
                long n = [|msgrcv(msqid, buf, buf.mtext.Length, 0, 0)|];
                if (n == -1) throw new InvalidOperationException(strerror(errno));
                return n;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_Msgsnd_CheckedWithLessThanZero() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Send(int msqid, MsgBuf buf)
            {
                if ([|msgsnd(msqid, buf, buf.mtext.Length, 0)|] < 0) perror("msgsnd");
            }
        }
        """);

    [Fact]
    public Task Diagnostic_Wait_WithHandlerWithoutSaRestart() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Install() => _ = sigaction(SIGCHLD, new SigAction { sa_handler = _ => { }, sa_flags = 0 }, null);

            static int Reap()
            {
                int pid = [|wait(out int status)|];
                if (pid == -1) { perror("wait"); return -1; }
                return WEXITSTATUS(status);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_PipeRead_WithHandlerWithoutSaRestart() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                var act = new SigAction();
                act.sa_handler = _ => { };
                act.sa_flags = SA_RESTART;
                _ = sigaction(SIGUSR1, act, null);
                _ = sigaction(SIGUSR2, new SigAction { sa_handler = _ => { } }, null);

                var fds = new int[2];
                if (pipe(fds) == -1) return 1;
                var buf = new byte[16];
                long n = [|read(fds[0], buf, buf.Length)|];
                if (n == -1) return 1;
                return 0;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SemopWithSaRestart_StillReported() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid)
            {
                _ = sigaction(SIGINT, new SigAction { sa_handler = _ => { }, sa_flags = SA_RESTART }, null);
                var ops = new[] { new Sembuf(0, 0, 0) };
                return [|semop(semid, ops, 1)|] == -1 ? 1 : 0;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_FailureFallsThroughToEnd() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int semid, Sembuf[] ops)
            {
                int r = [|semop(semid, ops, 1)|];
                if (r == -1) perror("semop");
                System.Console.WriteLine("after");
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InLoopBreaksOnFailure() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int msqid, MsgBuf buf)
            {
                while (true)
                {
                    if ([|msgrcv(msqid, buf, buf.mtext.Length, 1, 0)|] == -1) break;
                    System.Console.WriteLine(buf.mtype);
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SwitchArmAndLambda() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int kind, int semid, Sembuf[] ops)
            {
                switch (kind)
                {
                    case 1:
                        if ([|semop(semid, ops, 1)|] == -1) return;
                        break;
                }

                Func<int> child = () => [|pause()|] == -1 ? 1 : 0;
                _ = fork(child);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CaughtExceptionPath() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int semid, Sembuf[] ops)
            {
                try
                {
                    if ([|semtimedop(semid, ops, 1, new Timespec { tv_sec = 1 })|] == -1) throw new TimeoutException();
                }
                catch (TimeoutException)
                {
                    Console.WriteLine("timed out");
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_HelperReturningBlockingResult() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static readonly Sembuf[] P = { new Sembuf(0, -1, SEM_UNDO) };

            static int Down(int semid) => semop(semid, P, 1);

            static void M(int semid)
            {
                if ([|Down(semid)|] == -1) perror("down");
            }
        }
        """);

    [Fact]
    public Task Diagnostic_DllImportSemop() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using System;
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int semop(int semid, IntPtr sops, UIntPtr nsops);

            static void M(int id, IntPtr ops)
            {
                if ([|semop(id, ops, 1)|] == -1) throw new InvalidOperationException();
            }
        }
        """);

    [Theory]
    [InlineData("if ([|semop(1, new Sembuf[] { new Sembuf(0, -1, 0) }, 1)|] == -1) return; int x = ; ")]
    [InlineData("while (semop(1, ops, ) == -1 && errno == EINTR) { }")]
    [InlineData("int r; do { r = msgrcv(1, new MsgBuf(), 8, 0, ); } while (r == -1 && errno == EINTR);")]
    [InlineData("if (wait(out int s) == -1 && errno == ) return;")]
    public Task Diagnostic_BrokenCode_NoException(string body) => Verify.BrokenCode<IPC006RetryOnEintrAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(Sembuf[] ops)
            {
                {{body}}
            }
        }
        """);
}
