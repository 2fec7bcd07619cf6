using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC008ReleaseWhatYouAcquireTests
{
    [Fact]
    public Task CodeFix_ReturnedVKeepsItsValue_Sample() => Verify.CodeFix<IPC008ReleaseWhatYouAcquireAnalyzer, IPC008ReleaseWhatYouAcquireCodeFix>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Locked(int semid, Action update)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                while ([|semop(semid, p, 1)|] == -1)
                {
                    if (errno != EINTR) return -1;
                }

                update();
                return semop(semid, v, 1);
            }
        }
        """, """
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Locked(int semid, Action update)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                while (semop(semid, p, 1) == -1)
                {
                    if (errno != EINTR) return -1;
                }

                int released;
                try
                {
                    update();
                }
                finally
                {
                    released = semop(semid, v, 1);
                }

                return released;
            }
        }
        """, IPC008ReleaseWhatYouAcquireCodeFix.EquivalenceKey);

    [Fact]
    public Task CodeFix_StatementV() => Verify.CodeFix<IPC008ReleaseWhatYouAcquireAnalyzer, IPC008ReleaseWhatYouAcquireCodeFix>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Run(int semid, Action work)
            {
                [|semop(semid, [new Sembuf(1, -1, SEM_UNDO)], 1)|];
                // the critical section
                work();
                Console.WriteLine("done");
                semop(semid, [new Sembuf(1, 1, SEM_UNDO)], 1); // V
                Console.WriteLine("after");
            }
        }
        """, """
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Run(int semid, Action work)
            {
                semop(semid, [new Sembuf(1, -1, SEM_UNDO)], 1);
                // the critical section
                try
                {
                    work();
                    Console.WriteLine("done");
                }
                finally
                {
                    semop(semid, [new Sembuf(1, 1, SEM_UNDO)], 1);
                } // V

                Console.WriteLine("after");
            }
        }
        """, IPC008ReleaseWhatYouAcquireCodeFix.EquivalenceKey);

    [Fact]
    public Task CodeFix_DeclaredVResultIsAssignedInFinally() => Verify.CodeFix<IPC008ReleaseWhatYouAcquireAnalyzer, IPC008ReleaseWhatYouAcquireCodeFix>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Run(int semid, Action work)
            {
                if ([|semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1)|] == -1) return -1;
                work();
                var r = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                if (r == -1) perror("semop V");
                return r;
            }
        }
        """, """
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Run(int semid, Action work)
            {
                if (semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1) == -1) return -1;
                int r;
                try
                {
                    work();
                }
                finally
                {
                    r = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                }

                if (r == -1) perror("semop V");
                return r;
            }
        }
        """, IPC008ReleaseWhatYouAcquireCodeFix.EquivalenceKey);

    [Fact]
    public Task CodeFix_UnlockHelperMovesIntoFinally() => Verify.CodeFix<IPC008ReleaseWhatYouAcquireAnalyzer, IPC008ReleaseWhatYouAcquireCodeFix>("""
        using System;

        class C
        {
            static void Run(int semid, Action work)
            {
                [|Locks.Lock(semid)|];
                work();
                _ = Locks.Unlock(semid);
            }
        }
        """ + LockHelpers, """
        using System;

        class C
        {
            static void Run(int semid, Action work)
            {
                Locks.Lock(semid);
                try
                {
                    work();
                }
                finally
                {
                    _ = Locks.Unlock(semid);
                }
            }
        }
        """ + LockHelpers, IPC008ReleaseWhatYouAcquireCodeFix.EquivalenceKey);

    [Fact]
    public Task CodeFix_NotOfferedWhenTheVIsNestedInATest() => Verify.NoCodeFix<IPC008ReleaseWhatYouAcquireAnalyzer, IPC008ReleaseWhatYouAcquireCodeFix>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Run(int semid, Action work)
            {
                if ([|semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1)|] == -1) return -1;
                work();
                if (semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1) == -1) return -1;
                return 0;
            }
        }
        """);

    [Fact]
    public Task CodeFix_NotOfferedWhenALocalOfTheRegionIsUsedLater() => Verify.NoCodeFix<IPC008ReleaseWhatYouAcquireAnalyzer, IPC008ReleaseWhatYouAcquireCodeFix>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Run(int semid, Func<int> work)
            {
                [|semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1)|];
                var result = work();
                semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                return result;
            }
        }
        """);
}
