using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC005SynchroniseShmWritesTests
{
    [Fact]
    public Task FixAll_TwoRunsInOneBlockAndAnotherMethod() => Verify.FixAll<IPC005SynchroniseShmWritesAnalyzer, IPC005SynchroniseShmWritesCodeFix>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Put(nint at, int v) => Mem.Write(at, v);

            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                [|Mem.Write(p, 1)|];
                [|Put(p + 4, 2)|];
                Console.WriteLine("between");
                [|Mem.Write(p + 8, 3)|];
                _ = shmdt(p);
            }

            static void N(int shmid, int semid)
            {
                nint q = shmat(shmid, 0, 0);
                if (q == -1) return;
                [|Mem.WriteString(q, "n")|];
                _ = shmdt(q);
            }
        }
        """, """
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Put(nint at, int v) => Mem.Write(at, v);

            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                var down = new[] { new Sembuf(0, -1, SEM_UNDO) };
                while (semop(semid, down, 1) == -1)
                {
                    if (errno != EINTR) throw new InvalidOperationException("semop: " + strerror(errno));
                }

                try
                {
                    Mem.Write(p, 1);
                    Put(p + 4, 2);
                }
                finally
                {
                    _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                }

                Console.WriteLine("between");
                var down2 = new[] { new Sembuf(0, -1, SEM_UNDO) };
                while (semop(semid, down2, 1) == -1)
                {
                    if (errno != EINTR) throw new InvalidOperationException("semop: " + strerror(errno));
                }

                try
                {
                    Mem.Write(p + 8, 3);
                }
                finally
                {
                    _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                }

                _ = shmdt(p);
            }

            static void N(int shmid, int semid)
            {
                nint q = shmat(shmid, 0, 0);
                if (q == -1) return;
                var down = new[] { new Sembuf(0, -1, SEM_UNDO) };
                while (semop(semid, down, 1) == -1)
                {
                    if (errno != EINTR) throw new InvalidOperationException("semop: " + strerror(errno));
                }

                try
                {
                    Mem.WriteString(q, "n");
                }
                finally
                {
                    _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                }

                _ = shmdt(q);
            }
        }
        """, IPC005SynchroniseShmWritesCodeFix.EquivalenceKeyPrefix + "semid");

    [Fact]
    public Task FixAll_NestedBlocks() => Verify.FixAll<IPC005SynchroniseShmWritesAnalyzer, IPC005SynchroniseShmWritesCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, int semid, bool twice)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                if (twice)
                {
                    [|Mem.Write(p, 2)|];
                }

                [|Mem.Write(p, 1)|];
                _ = shmdt(p);
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, int semid, bool twice)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                if (twice)
                {
                    var down = new[] { new Sembuf(0, -1, SEM_UNDO) };
                    while (semop(semid, down, 1) == -1)
                    {
                        if (errno != EINTR) throw new System.InvalidOperationException("semop: " + strerror(errno));
                    }

                    try
                    {
                        Mem.Write(p, 2);
                    }
                    finally
                    {
                        _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                    }
                }

                var down2 = new[] { new Sembuf(0, -1, SEM_UNDO) };
                while (semop(semid, down2, 1) == -1)
                {
                    if (errno != EINTR) throw new System.InvalidOperationException("semop: " + strerror(errno));
                }

                try
                {
                    Mem.Write(p, 1);
                }
                finally
                {
                    _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                }

                _ = shmdt(p);
            }
        }
        """, IPC005SynchroniseShmWritesCodeFix.EquivalenceKeyPrefix + "semid");
}
