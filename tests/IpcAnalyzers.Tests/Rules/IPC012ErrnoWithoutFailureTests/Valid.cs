using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC012ErrnoWithoutFailureTests
{
    [Fact]
    public Task Valid_PerrorOnFailure() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key)
            {
                int id = shmget(key, 4096, 0);
                if (id == -1) { perror("shmget"); return -1; }
                return id;
            }
        }
        """);

    [Theory]
    [InlineData("r < 0")]
    [InlineData("r is -1")]
    [InlineData("!(r != -1)")]
    [InlineData("r <= -1")]
    public Task Valid_ErrnoOnFailureSide(string failed) => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>($$"""
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid)
            {
                int r = semctl(semid, 0, IPC_RMID);
                if ({{failed}}) return errno;
                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_EintrLoop() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid, Sembuf[] ops)
            {
                int r;
                do r = semop(semid, ops, 1); while (r == -1 && errno == EINTR);
                if (r == -1) perror("semop");
                return r;
            }
        }
        """);

    [Fact]
    public Task Valid_DieHelperIsNotJudged() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
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
                if (msgget(key, 0) == -1) Die("msgget");
            }
        }
        """);

    [Fact]
    public Task Valid_ErrnoSavedRightAfterCall() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int fd)
            {
                int r = close(fd);
                int saved = errno;
                return r == -1 ? saved : 0;
            }
        }
        """);

    [Fact]
    public Task Valid_SwitchOnErrnoAfterFailure() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static string M(int key)
            {
                if (shmget(key, 4096, IPC_CREAT | IPC_EXCL | S_IRUSR | S_IWUSR) != -1) return "created";
                switch (errno)
                {
                    case EEXIST: return "exists";
                    case EACCES: return "denied";
                    default: return strerror(errno);
                }
            }
        }
        """);

    [Fact]
    public Task Valid_ErrnoWrittenNotRead() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int fd)
            {
                errno = 0;
                if (close(fd) == -1) perror("close");
            }
        }
        """);

    [Fact]
    public Task Valid_ReadBeforeAnyCall() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int fd)
            {
                int before = errno;
                if (close(fd) == -1) return errno;
                return before;
            }
        }
        """);

    [Fact]
    public Task Valid_CheckHelperThenFailureBranch() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static bool Failed(int r) => r == -1;

            static void M(int shmid)
            {
                int r = shmctl(shmid, IPC_RMID, null);
                if (Failed(r)) perror("shmctl");
            }
        }
        """);

    [Fact]
    public Task Valid_ReadLoopFailure() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int fd, byte[] buf)
            {
                long n;
                while ((n = read(fd, buf, buf.Length)) > 0)
                {
                    System.Console.WriteLine(n);
                }

                if (n == -1) perror("read");
            }
        }
        """);

    [Fact]
    public Task Valid_NoIpcInCompilation() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        class C
        {
            static int errno => 0;
            static int M() => errno;
        }
        """);
}
