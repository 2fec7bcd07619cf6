using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC003DetachWhatYouAttachTests
{
    [Fact]
    public Task Diagnostic_VoidEarlyReturn() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = [|shmat(shmid, 0, 0)|];
                if (p == -1) return;
                if (Mem.Read<int>(p) < 0) return;
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_BreakOutOfLoop() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int[] ids)
            {
                int found = -1;
                foreach (var id in ids)
                {
                    nint p = [|shmat(id, 0, SHM_RDONLY)|];
                    if (p == -1) continue;
                    if (Mem.Read<int>(p) == 42)
                    {
                        found = id;
                        break;
                    }

                    _ = shmdt(p);
                }

                return found;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ContinueInLoop() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int[] ids)
            {
                int sum = 0;
                for (int i = 0; i < ids.Length; i++)
                {
                    nint p = [|shmat(ids[i], 0, SHM_RDONLY)|];
                    if (p == -1) continue;
                    int v = Mem.Read<int>(p);
                    if (v < 0) continue;
                    sum += v;
                    _ = shmdt(p);
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ThrowStatementBetween() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint p = [|shmat(shmid, 0, 0)|];
                if (p == -1) return -1;
                int v = Mem.Read<int>(p);
                if (v < 0) throw new InvalidOperationException("corrupt header");
                _ = shmdt(p);
                return v;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ExceptionInsideTryWithFinallyThatDoesNotDetach() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, int semid)
            {
                nint p = [|shmat(shmid, 0, 0)|];
                if (p == -1) return;
                try
                {
                    Update(p);
                }
                finally
                {
                    _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                }

                _ = shmdt(p);
            }

            static void Update(nint p) => Mem.Write<int>(p, 1);
        }
        """);

    [Fact]
    public Task Diagnostic_CatchReturnsWithoutDetach() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint p = [|shmat(shmid, 0, 0)|];
                if (p == -1) return -1;
                try
                {
                    Update(p);
                    _ = shmdt(p);
                }
                catch (InvalidOperationException)
                {
                    return -1;
                }

                return 0;
            }

            static void Update(nint p) => Mem.Write<int>(p, int.Parse("1", System.Globalization.CultureInfo.InvariantCulture));
        }
        """);

    [Fact]
    public Task Diagnostic_SwitchArmLeaks() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid, int mode)
            {
                nint p = [|shmat(shmid, 0, 0)|];
                if (p == -1) return -1;
                switch (mode)
                {
                    case 0:
                        return Mem.Read<int>(p);
                    default:
                        Mem.Write<int>(p, mode);
                        break;
                }

                return shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_HelperDetachesOnlySometimes() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void MaybeDetach(nint p, bool really)
            {
                if (really) _ = shmdt(p);
            }

            static void M(int shmid, bool really)
            {
                nint p = [|shmat(shmid, 0, 0)|];
                if (p == -1) return;
                Mem.Write<int>(p, 1);
                MaybeDetach(p, really);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SecondAttachFailsAndThrowLeavesFirstAttached() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, int other)
            {
                nint a = [|shmat(shmid, 0, 0)|];
                if (a == -1) { perror("shmat"); exit(1); }
                nint b = shmat(other, 0, 0);
                if (b == -1) throw new System.InvalidOperationException(strerror(errno));
                Mem.Write<int>(a, Mem.Read<int>(b));
                _ = shmdt(b);
                _ = shmdt(a);
            }
        }
        """);

    // Regression: the effects of a call inside a flow capture (?:, ??) were dropped, so the attachment was never tracked.
    [Fact]
    public Task Diagnostic_AttachedInsideAConditionalExpression() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid, bool readOnly)
            {
                nint p = readOnly ? [|shmat(shmid, 0, SHM_RDONLY)|] : [|shmat(shmid, 0, 0)|];
                if (p == -1) return -1;
                return Mem.Read<int>(p);
            }
        }
        """);
}
