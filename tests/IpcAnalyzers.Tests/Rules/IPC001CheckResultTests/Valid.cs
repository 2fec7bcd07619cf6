using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC001CheckResultTests
{
    [Fact]
    public Task Valid_ApiMdExample() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Main()
            {
                int key = ftok(".", 'A');
                if (key == -1) { perror("ftok"); return 1; }
                int shmid = shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (shmid == -1) { perror("shmget"); return 1; }
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) { perror("shmat"); return 1; }
                if (shmdt(addr) == -1) perror("shmdt");
                if (shmctl(shmid, IPC_RMID, null) == -1) perror("shmctl");
                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_ExplicitDiscard() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(nint p, int fd)
            {
                _ = shmdt(p);
                _ = close(fd);
            }
        }
        """);

    [Theory]
    [InlineData("id < 0")]
    [InlineData("id is -1")]
    [InlineData("id <= -1")]
    [InlineData("-1 == id")]
    [InlineData("0 > id")]
    [InlineData("id is < 0")]
    public Task Valid_CheckStyles(string failed) => Verify.Analyzer<IPC001CheckResultAnalyzer>($$"""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key)
            {
                int id = semget(key, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                if ({{failed}}) return -1;
                return semctl(id, 0, SETVAL, 1);
            }
        }
        """);

    [Theory]
    [InlineData("p == (nint)(-1)")]
    [InlineData("p == new System.IntPtr(-1)")]
    [InlineData("p == (System.IntPtr)(-1)")]
    [InlineData("p is -1")]
    public Task Valid_ShmatCheckStyles(string failed) => Verify.Analyzer<IPC001CheckResultAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if ({{failed}}) throw new System.InvalidOperationException(strerror(errno));
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_IsNotMinusOne() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                if (msgget(key, 0) is not -1 and var id)
                {
                    _ = msgctl(id, IPC_RMID, null);
                }
            }
        }
        """);

    [Fact]
    public Task Valid_ReturnedToCaller() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int Create(int key) => shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);

            static int Open(int key)
            {
                int id = shmget(key, 0, 0);
                return id;
            }

            static int Main()
            {
                int id = Create(1234);
                if (id == -1) return 1;
                int other = Open(1234);
                return other < 0 ? 1 : 0;
            }
        }
        """);
}

public sealed partial class IPC001CheckResultTests
{
    [Fact]
    public Task Valid_DllImportExtern_Checked() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int close(int fd);

            static bool M(int fd) => close(fd) == 0;
        }
        """);

    [Fact]
    public Task Valid_NoIpcAtAll() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        class C
        {
            static int Read(int x) => x + 1;
            static void M() { Read(1); }
        }
        """);

    [Fact]
    public Task Valid_ReadLoop() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int fd, byte[] buf)
            {
                long n;
                while ((n = read(fd, buf, buf.Length)) > 0)
                {
                    if (write(1, buf, n) == -1) return -1;
                }

                return n == -1 ? -1 : 0;
            }
        }
        """);

    [Fact]
    public Task Valid_SwitchOnResult() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int pid = fork(() => 0);
                switch (pid)
                {
                    case -1:
                        perror("fork");
                        return 1;
                    default:
                        return waitpid(pid, out _, 0) == -1 ? 1 : 0;
                }
            }
        }
        """);

    [Fact]
    public Task Valid_CheckedInTryThenUsedAfter() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                int id = shmget(key, 4096, 0);
                if (id == -1) return;
                try
                {
                    System.Console.WriteLine(id);
                }
                finally
                {
                    System.Console.WriteLine("done");
                }

                _ = shmctl(id, IPC_RMID, null);
            }
        }
        """);

    [Fact]
    public Task Valid_LocalFunctionChecker() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                int id = Must(semget(key, 1, 0));
                _ = semctl(id, 0, IPC_RMID);

                static int Must(int r) => r == -1 ? throw new InvalidOperationException(strerror(errno)) : r;
            }
        }
        """);

    [Fact]
    public Task Valid_FieldCheckedInSameMethod() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        sealed class Segment : IDisposable
        {
            private readonly int shmid;

            public Segment(int key)
            {
                shmid = shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (shmid == -1) throw new InvalidOperationException(strerror(errno));
            }

            public void Dispose() => _ = shmctl(shmid, IPC_RMID, null);
        }
        """);
}
