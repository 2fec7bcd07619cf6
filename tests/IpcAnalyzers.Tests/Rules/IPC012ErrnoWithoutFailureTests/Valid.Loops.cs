using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>
/// The EINTR retry loop leaves through the edge where <c>r == -1 &amp;&amp; errno == EINTR</c> is false: there r is -1
/// exactly when errno is the last call's. A later <c>if (r == -1) perror(...)</c> is on the failure path.
/// </summary>
public sealed partial class IPC012ErrnoWithoutFailureTests
{
    public static TheoryData<string> RetryLoops() => new(
        // do/while
        """
        do
        {
            r = semop(semid, ops, 1);
        }
        while (r == -1 && errno == EINTR);
        """,
        // while with the call in the condition
        """
        while ((r = semop(semid, ops, 1)) == -1 && errno == EINTR)
        {
        }
        """,
        // while with the call in the condition and work in the body
        """
        var retries = 0;
        while ((r = semop(semid, ops, 1)) == -1 && errno == EINTR)
        {
            retries++;
            System.Console.WriteLine("interrupted " + retries);
        }
        """,
        // while (true) with break
        """
        while (true)
        {
            r = semop(semid, ops, 1);
            if (r != -1 || errno != EINTR) break;
        }
        """,
        // while (true): continue on EINTR, else break
        """
        while (true)
        {
            r = semop(semid, ops, 1);
            if (r == -1 && errno == EINTR) continue;
            break;
        }
        """,
        // for (;;)
        """
        for (;;)
        {
            r = semop(semid, ops, 1);
            if (r == -1 && errno == EINTR) continue;
            break;
        }
        """,
        // for (;;) with the test nested
        """
        for (;;)
        {
            r = semop(semid, ops, 1);
            if (r == -1)
            {
                if (errno == EINTR) continue;
            }

            break;
        }
        """,
        // errno copied, then tested
        """
        int e;
        do
        {
            r = semop(semid, ops, 1);
            e = r == -1 ? errno : 0;
        }
        while (r == -1 && e == EINTR);
        """,
        // is-patterns
        """
        do
        {
            r = semop(semid, ops, 1);
        }
        while (r is -1 && errno is EINTR);
        """);

    [Theory]
    [MemberData(nameof(RetryLoops))]
    public Task Valid_PerrorAfterRetryLoop(string loop) => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid, Sembuf[] ops)
            {
                int r;
        {{Indent(loop, 8)}}
                if (r == -1)
                {
                    perror("semop");
                    return 1;
                }

                return 0;
            }
        }
        """);

    [Theory]
    [MemberData(nameof(RetryLoops))]
    public Task Valid_ErrnoReturnedAfterRetryLoop(string loop) => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid, Sembuf[] ops)
            {
                int r;
        {{Indent(loop, 8)}}
                return r == -1 ? errno : 0;
            }
        }
        """);

    [Theory]
    [MemberData(nameof(RetryLoops))]
    public Task Diagnostic_PerrorOnSuccessAfterRetryLoop(string loop) => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid, Sembuf[] ops)
            {
                int r;
        {{Indent(loop, 8)}}
                if (r == -1) return 1;
                [|perror("semop")|];
                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_TwoRetryLoopsInSequence() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid, int msqid, MsgBuf msg)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                int r;
                do { r = semop(semid, p, 1); } while (r == -1 && errno == EINTR);
                if (r == -1) { perror("semop P"); return 1; }
                long n;
                do { n = msgrcv(msqid, msg, msg.mtext.Length, 0, 0); } while (n == -1 && errno == EINTR);
                if (n == -1) { perror("msgrcv"); return 1; }
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                do { r = semop(semid, v, 1); } while (r == -1 && errno == EINTR);
                if (r == -1) { perror("semop V"); return 1; }
                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_RetryLoopInsideOuterLoop() => Verify.Analyzer<IPC012ErrnoWithoutFailureAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid, Sembuf[] p, Sembuf[] v, int items)
            {
                for (var i = 0; i < items; i++)
                {
                    int r;
                    do { r = semop(semid, p, 1); } while (r == -1 && errno == EINTR);
                    if (r == -1) { perror("semop P"); return 1; }
                    System.Console.WriteLine(i);
                    do { r = semop(semid, v, 1); } while (r == -1 && errno == EINTR);
                    if (r == -1) { perror("semop V"); return 1; }
                }

                return 0;
            }
        }
        """);

    private static string Indent(string code, int spaces)
    {
        var pad = new string(' ', spaces);
        return string.Join("\n", code.Split('\n').Select(line => line.Length == 0 ? line : pad + line));
    }
}
