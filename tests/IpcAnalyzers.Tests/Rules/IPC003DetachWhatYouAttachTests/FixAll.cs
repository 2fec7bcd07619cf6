using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC003DetachWhatYouAttachTests
{
    [Fact]
    public Task FixAll_TwoAttachmentsInOneMethodAndAnotherMethod() => Verify.FixAll<IPC003DetachWhatYouAttachAnalyzer, IPC003DetachWhatYouAttachCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Copy(int from, int to)
            {
                nint src = [|shmat(from, 0, SHM_RDONLY)|];
                if (src == -1) return;
                nint dst = [|shmat(to, 0, 0)|];
                if (dst == -1) return;
                Mem.Write<int>(dst, Mem.Read<int>(src));
            }

            static int Read(int shmid)
            {
                nint p = [|shmat(shmid, 0, SHM_RDONLY)|];
                if (p == -1) return -1;
                return Mem.Read<int>(p);
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Copy(int from, int to)
            {
                nint src = shmat(from, 0, SHM_RDONLY);
                if (src == -1) return;
                try
                {
                    nint dst = shmat(to, 0, 0);
                    if (dst == -1) return;
                    try
                    {
                        Mem.Write<int>(dst, Mem.Read<int>(src));
                    }
                    finally
                    {
                        _ = shmdt(dst);
                    }
                }
                finally
                {
                    _ = shmdt(src);
                }
            }

            static int Read(int shmid)
            {
                nint p = shmat(shmid, 0, SHM_RDONLY);
                if (p == -1) return -1;
                try
                {
                    return Mem.Read<int>(p);
                }
                finally
                {
                    _ = shmdt(p);
                }
            }
        }
        """, IPC003DetachWhatYouAttachCodeFix.DiscardKey);

    [Fact]
    public Task FixAll_PerrorForm() => Verify.FixAll<IPC003DetachWhatYouAttachAnalyzer, IPC003DetachWhatYouAttachCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void A(int shmid)
            {
                nint p = [|shmat(shmid, 0, 0)|];
                if (p == -1) return;
                Mem.Write<int>(p, 1);
            }

            static void B(int shmid)
            {
                nint q = [|shmat(shmid, 0, 0)|];
                if (q == -1) return;
                Mem.Write<int>(q, 2);
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void A(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                try
                {
                    Mem.Write<int>(p, 1);
                }
                finally
                {
                    if (shmdt(p) == -1) perror("shmdt");
                }
            }

            static void B(int shmid)
            {
                nint q = shmat(shmid, 0, 0);
                if (q == -1) return;
                try
                {
                    Mem.Write<int>(q, 2);
                }
                finally
                {
                    if (shmdt(q) == -1) perror("shmdt");
                }
            }
        }
        """, IPC003DetachWhatYouAttachCodeFix.PerrorKey);
}
