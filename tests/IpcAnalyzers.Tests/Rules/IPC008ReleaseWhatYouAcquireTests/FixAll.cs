using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC008ReleaseWhatYouAcquireTests
{
    [Fact]
    public Task FixAll_TwoMethods() => Verify.FixAll<IPC008ReleaseWhatYouAcquireAnalyzer, IPC008ReleaseWhatYouAcquireCodeFix>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static readonly Sembuf[] P = { new Sembuf(0, -1, SEM_UNDO) };
            static readonly Sembuf[] V = { new Sembuf(0, 1, SEM_UNDO) };

            static void First(int semid, Action work)
            {
                [|semop(semid, P, 1)|];
                work();
                semop(semid, V, 1);
            }

            static int Second(int semid, Action work)
            {
                if ([|semop(semid, P, 1)|] == -1) return -1;
                work();
                return semop(semid, V, 1);
            }
        }
        """, """
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static readonly Sembuf[] P = { new Sembuf(0, -1, SEM_UNDO) };
            static readonly Sembuf[] V = { new Sembuf(0, 1, SEM_UNDO) };

            static void First(int semid, Action work)
            {
                semop(semid, P, 1);
                try
                {
                    work();
                }
                finally
                {
                    semop(semid, V, 1);
                }
            }

            static int Second(int semid, Action work)
            {
                if (semop(semid, P, 1) == -1) return -1;
                int released;
                try
                {
                    work();
                }
                finally
                {
                    released = semop(semid, V, 1);
                }

                return released;
            }
        }
        """, IPC008ReleaseWhatYouAcquireCodeFix.EquivalenceKey);

    [Fact]
    public Task FixAll_NestedLocks() => Verify.FixAll<IPC008ReleaseWhatYouAcquireAnalyzer, IPC008ReleaseWhatYouAcquireCodeFix>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Transfer(int semid, Action move)
            {
                [|semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1)|];
                [|semop(semid, new[] { new Sembuf(1, -1, SEM_UNDO) }, 1)|];
                move();
                semop(semid, new[] { new Sembuf(1, 1, SEM_UNDO) }, 1);
                semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
            }
        }
        """, """
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Transfer(int semid, Action move)
            {
                semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1);
                try
                {
                    semop(semid, new[] { new Sembuf(1, -1, SEM_UNDO) }, 1);
                    try
                    {
                        move();
                    }
                    finally
                    {
                        semop(semid, new[] { new Sembuf(1, 1, SEM_UNDO) }, 1);
                    }
                }
                finally
                {
                    semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                }
            }
        }
        """, IPC008ReleaseWhatYouAcquireCodeFix.EquivalenceKey);
}
