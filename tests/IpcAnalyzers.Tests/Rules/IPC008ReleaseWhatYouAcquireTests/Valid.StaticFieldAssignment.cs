using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>
/// Regression: an assignment to a static field (no instance) in a body with a semop sent the target walk into
/// itself until the stack overflowed, killing the compiler (samples/IpcSamples/SignalRetry.cs, <c>alarmFired = 0</c>).
/// </summary>
public sealed partial class IPC008ReleaseWhatYouAcquireTests
{
    [Fact]
    public Task Valid_AssignmentToStaticField() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int flag;

            static int Wait(int semid)
            {
                var p = new[] { new Sembuf(0, -1, 0) };
                if (semop(semid, p, 1) == -1) return -1;
                flag = 0;
                return 0;
            }
        }
        """);

    [Fact]
    public Task Valid_AssignmentToStaticFieldInsideLock() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            [System.ThreadStatic] private static volatile int fired;
            static int count;

            static int Count(int semid)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                if (semop(semid, p, 1) == -1) return -1;
                count = count + 1;
                C.count = fired;
                fired = 0;
                return semop(semid, v, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_RetryLoopResettingStaticFlag() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            [System.ThreadStatic] private static volatile int alarmFired;

            static int Wait(int semid)
            {
                var p = new[] { new Sembuf(0, -1, 0) };
                int r;
                while ((r = semop(semid, p, 1)) == -1 && errno == EINTR)
                {
                    if (alarmFired != 0)
                    {
                        alarmFired = 0;
                        alarm(1);
                    }
                }

                return r;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_LeakAfterAssignmentToStaticField() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int flag;

            static int Locked(int semid, Action update)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                if ([|semop(semid, p, 1)|] == -1) return -1;
                flag = 1;
                C.flag = flag + 1;
                update();
                return semop(semid, v, 1);
            }
        }
        """);

    [Fact]
    public Task Valid_SelfReferencingStoresInLoop() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int[] counts = new int[4];

            static int All(int semid, int n)
            {
                var sops = new Sembuf[4];
                var x = 0;
                for (var i = 0; i < n && i < 4; i++)
                {
                    sops[i] = new Sembuf((ushort)i, -1, SEM_UNDO);
                    sops[i].sem_op = sops[i].sem_op;
                    counts[i] = counts[i] + 1;
                    x = x + 1;
                }

                if (semop(semid, sops, x) == -1) return -1;
                for (var i = 0; i < x; i++) sops[i].sem_op = 1;
                return semop(semid, sops, x);
            }
        }
        """);

    [Fact]
    public Task Valid_RecursiveHelpers() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int depth;

            static int Lock(int semid, int tries)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                if (semop(semid, p, 1) == 0) return 0;
                depth = depth + 1;
                return errno == EINTR && tries > 0 ? Retry(semid, tries - 1) : -1;
            }

            static int Retry(int semid, int tries) => Lock(semid, tries);

            static int Unlock(int semid)
            {
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                return semop(semid, v, 1);
            }

            static int Run(int semid)
            {
                if (Lock(semid, 3) == -1) return -1;
                depth = 0;
                return Unlock(semid);
            }
        }
        """);

    /// <summary>Past the depth bound the body is left alone: no report, and above all no stack overflow.</summary>
    [Fact]
    public Task Valid_ExpressionDeeperThanTheBoundIsLeftAlone() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>($$"""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int total;

            static int Locked(int semid, Action update, int a)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                if (semop(semid, p, 1) == -1) return -1;
                total = {{string.Join(" + ", Enumerable.Repeat("a", 3000))}};
                update();
                return semop(semid, v, 1);
            }
        }
        """);
}
