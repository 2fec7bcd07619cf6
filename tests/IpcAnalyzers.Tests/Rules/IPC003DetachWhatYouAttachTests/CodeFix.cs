using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC003DetachWhatYouAttachTests
{
    [Fact]
    public Task CodeFix_WrapsRegionAndRemovesTrailingShmdt() => Verify.CodeFix<IPC003DetachWhatYouAttachAnalyzer, IPC003DetachWhatYouAttachCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = [|shmat(shmid, 0, 0)|];
                if (p == -1) return;
                if (Mem.Read<int>(p) < 0) return;
                Mem.Write<int>(p, 1);
                _ = shmdt(p);
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                try
                {
                    if (Mem.Read<int>(p) < 0) return;
                    Mem.Write<int>(p, 1);
                }
                finally
                {
                    _ = shmdt(p);
                }
            }
        }
        """, IPC003DetachWhatYouAttachCodeFix.DiscardKey);

    [Fact]
    public Task CodeFix_PerrorFormAndLocalsUsedAfterTheRegion() => Verify.CodeFix<IPC003DetachWhatYouAttachAnalyzer, IPC003DetachWhatYouAttachCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint p = [|shmat(shmid, 0, 0)|];
                if (p == -1)
                {
                    perror("shmat");
                    return -1;
                }

                int value = Mem.Read<int>(p);
                if (value < 0) throw new System.InvalidOperationException("corrupt");
                if (shmdt(p) == -1) perror("shmdt");
                return value;
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1)
                {
                    perror("shmat");
                    return -1;
                }

                try
                {
                    int value = Mem.Read<int>(p);
                    if (value < 0) throw new System.InvalidOperationException("corrupt");
                    return value;
                }
                finally
                {
                    if (shmdt(p) == -1) perror("shmdt");
                }
            }
        }
        """, IPC003DetachWhatYouAttachCodeFix.PerrorKey);

    [Fact]
    public Task CodeFix_NoShmdtAtAll_QualifiedNamesWithoutUsingStatic() => Verify.CodeFix<IPC003DetachWhatYouAttachAnalyzer, IPC003DetachWhatYouAttachCodeFix>("""
        using IpcSim;

        class C
        {
            static void M(int shmid)
            {
                nint p = [|Libc.shmat(shmid, 0, 0)|];
                if (p == -1) return;
                Mem.Write<int>(p, 1);
            }
        }
        """, """
        using IpcSim;

        class C
        {
            static void M(int shmid)
            {
                nint p = Libc.shmat(shmid, 0, 0);
                if (p == -1) return;
                try
                {
                    Mem.Write<int>(p, 1);
                }
                finally
                {
                    if (IpcSim.Libc.shmdt(p) == -1) IpcSim.Libc.perror("shmdt");
                }
            }
        }
        """, IPC003DetachWhatYouAttachCodeFix.PerrorKey);

    [Fact]
    public Task CodeFix_BreakOutOfLoop() => Verify.CodeFix<IPC003DetachWhatYouAttachAnalyzer, IPC003DetachWhatYouAttachCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int[] ids)
            {
                foreach (var id in ids)
                {
                    nint p = [|shmat(id, 0, SHM_RDONLY)|];
                    if (p == -1) continue;
                    if (Mem.Read<int>(p) == 42) return id;
                    _ = shmdt(p);
                }

                return -1;
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int[] ids)
            {
                foreach (var id in ids)
                {
                    nint p = shmat(id, 0, SHM_RDONLY);
                    if (p == -1) continue;
                    try
                    {
                        if (Mem.Read<int>(p) == 42) return id;
                    }
                    finally
                    {
                        _ = shmdt(p);
                    }
                }

                return -1;
            }
        }
        """, IPC003DetachWhatYouAttachCodeFix.DiscardKey);

    [Fact]
    public Task CodeFix_NotOfferedWhenShmdtResultIsReturned() => Verify.NoCodeFix<IPC003DetachWhatYouAttachAnalyzer, IPC003DetachWhatYouAttachCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        internal static class IPC003
        {
            internal static int ReadFlag(int shmid)
            {
                nint addr = [|shmat(shmid, 0, SHM_RDONLY)|];
                if (addr == -1) return -1;
                if (Mem.Read<int>(addr) == 0) return 0;
                return shmdt(addr);
            }
        }
        """);

    [Fact]
    public Task CodeFix_NotOfferedForAMemberNoMethodDetaches() => Verify.NoCodeFix<IPC003DetachWhatYouAttachAnalyzer, IPC003DetachWhatYouAttachCodeFix>("""
        using static IpcSim.Libc;

        sealed class Segment
        {
            private readonly nint addr;

            public Segment(int shmid) => addr = [|shmat(shmid, 0, 0)|];
        }
        """);
}
