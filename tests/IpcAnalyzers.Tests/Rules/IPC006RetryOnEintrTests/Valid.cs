using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC006RetryOnEintrTests
{
    [Fact]
    public Task Valid_DoWhileEintr() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid, Sembuf[] ops)
            {
                int r;
                do
                {
                    r = semop(semid, ops, 1);
                }
                while (r == -1 && errno == EINTR);
                if (r == -1) { perror("semop"); return -1; }
                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_WhileLoopContinueOnEintr() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static long M(int msqid, MsgBuf buf)
            {
                while (true)
                {
                    long n = msgrcv(msqid, buf, buf.mtext.Length, 0, 0);
                    if (n == -1)
                    {
                        if (errno == EINTR) continue;
                        perror("msgrcv");
                        return -1;
                    }

                    return n;
                }
            }
        }
        """);

    [Fact]
    public Task Valid_ForeverLoopWithSwitchOnErrno() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int msqid, MsgBuf buf)
            {
                for (;;)
                {
                    if (msgsnd(msqid, buf, buf.mtext.Length, 0) != -1) return 0;
                    switch (errno)
                    {
                        case EINTR:
                            continue;
                        default:
                            perror("msgsnd");
                            return -1;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Valid_SavedErrnoTested() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static bool M(int semid, Sembuf[] ops)
            {
                while (semop(semid, ops, 1) == -1)
                {
                    int e = errno;
                    if (e is not EINTR) return false;
                }

                return true;
            }
        }
        """);

    [Theory]
    [InlineData("msgrcv(1, new MsgBuf(1, 8), 8, 0, IPC_NOWAIT)")]
    [InlineData("msgsnd(1, new MsgBuf(1, 8), 8, IPC_NOWAIT | MSG_NOERROR)")]
    [InlineData("waitpid(-1, out _, WNOHANG)")]
    [InlineData("semop(1, new[] { new Sembuf(0, 1, 0) }, 1)")]
    [InlineData("semop(1, new[] { new Sembuf(0, -1, IPC_NOWAIT) }, 1)")]
    [InlineData("semop(1, new[] { new Sembuf { sem_num = 0, sem_op = 1, sem_flg = SEM_UNDO } }, 1)")]
    [InlineData("read(0, new byte[8], 8)")]
    [InlineData("shmget(1, 4096, 0)")]
    public Task Valid_CannotBlockOrNotInterruptible(string call) => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                if ({{call}} == -1) { perror("call"); return -1; }
                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_VOnlyFromLocalArray() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Unlock(int semid)
            {
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                if (semop(semid, v, 1) == -1) perror("semop V");
            }
        }
        """);

    [Fact]
    public Task Valid_PipeAndWait_EveryHandlerHasSaRestart() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                _ = sigaction(SIGCHLD, new SigAction { sa_handler = _ => { }, sa_flags = SA_RESTART }, null);
                var fds = new int[2];
                if (pipe(fds) == -1) return 1;
                var buf = new byte[16];
                if (read(fds[0], buf, buf.Length) == -1) return 1;
                if (wait(out _) == -1) return 1;
                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_PipeAndWait_NoHandlersAtAll() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int[] fds)
            {
                if (pipe(fds) == -1) return 1;
                if (write(fds[1], new byte[1], 1) == -1) return 1;
                return wait(out _) == -1 ? 1 : 0;
            }
        }
        """);

    [Fact]
    public Task Valid_UncheckedIsIpc001sBusiness() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int semid, Sembuf[] ops) => _ = semop(semid, ops, 1);
        }
        """);

    [Fact]
    public Task Valid_ResultReturnedToCaller() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int P(int semid, Sembuf[] ops) => semop(semid, ops, 1);

            static int Retry(System.Func<int> call)
            {
                int r;
                do r = call(); while (r == -1 && errno == EINTR);
                return r;
            }

            static int M(int semid, Sembuf[] ops)
            {
                if (Retry(() => semop(semid, ops, 1)) == -1) return -1;
                int r;
                while ((r = P(semid, ops)) == -1 && errno == EINTR) { }
                return r;
            }
        }
        """);

    [Fact]
    public Task Valid_RetryingHelper() => Verify.Analyzer<IPC006RetryOnEintrAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int SemopRetrying(int semid, Sembuf[] ops)
            {
                int r;
                do r = semop(semid, ops, ops.Length); while (r == -1 && errno == EINTR);
                return r;
            }

            static void M(int semid, Sembuf[] ops)
            {
                if (SemopRetrying(semid, ops) == -1) perror("semop");
            }
        }
        """);
}
