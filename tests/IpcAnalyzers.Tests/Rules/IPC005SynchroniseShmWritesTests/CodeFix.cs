using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC005SynchroniseShmWritesTests
{
    [Fact]
    public Task CodeFix_WrapsTheRunOfWrites() => Verify.CodeFix<IPC005SynchroniseShmWritesAnalyzer, IPC005SynchroniseShmWritesCodeFix>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                int value = Mem.Read<int>(p);
                [|Mem.Write(p, value + 1)|];
                {|IPC005:Mem.WriteString(p + 4, "done")|};
                _ = shmdt(p);
            }
        }
        """, """
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                int value = Mem.Read<int>(p);
                var down = new[] { new Sembuf(0, -1, SEM_UNDO) };
                while (semop(semid, down, 1) == -1)
                {
                    if (errno != EINTR) throw new InvalidOperationException("semop: " + strerror(errno));
                }

                try
                {
                    Mem.Write(p, value + 1);
                    Mem.WriteString(p + 4, "done");
                }
                finally
                {
                    _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                }

                _ = shmdt(p);
            }
        }
        """, IPC005SynchroniseShmWritesCodeFix.EquivalenceKeyPrefix + "semid");

    [Fact]
    public Task CodeFix_MistakesSample_FieldFromSemgetAndNameClash() => Verify.CodeFix<IPC005SynchroniseShmWritesAnalyzer, IPC005SynchroniseShmWritesCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class Counter
        {
            private static int guard = semget(IPC_PRIVATE, 1, IPC_CREAT | 0b110_000_000);

            internal static int Increment(int shmid)
            {
                int down = 0;
                nint counter = shmat(shmid, 0, 0);
                if (counter == -1) return -1;
                int value = Mem.Read<int>(counter) + down;
                [|Mem.Write<int>(counter, value + 1)|]; // the increment
                return shmdt(counter);
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class Counter
        {
            private static int guard = semget(IPC_PRIVATE, 1, IPC_CREAT | 0b110_000_000);

            internal static int Increment(int shmid)
            {
                int down = 0;
                nint counter = shmat(shmid, 0, 0);
                if (counter == -1) return -1;
                int value = Mem.Read<int>(counter) + down;
                var down2 = new[] { new Sembuf(0, -1, SEM_UNDO) };
                while (semop(guard, down2, 1) == -1)
                {
                    if (errno != EINTR) throw new System.InvalidOperationException("semop: " + strerror(errno));
                }

                try
                {
                    Mem.Write<int>(counter, value + 1); // the increment
                }
                finally
                {
                    _ = semop(guard, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                }

                return shmdt(counter);
            }
        }
        """, IPC005SynchroniseShmWritesCodeFix.EquivalenceKeyPrefix + "guard");

    [Fact]
    public Task CodeFix_OneActionPerCandidate_SecondIsTheField() => Verify.CodeFix<IPC005SynchroniseShmWritesAnalyzer, IPC005SynchroniseShmWritesCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private int mutex;

            void M(int shmid, int semid, int count)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                [|Mem.Write(p, count)|];
                _ = shmdt(p);
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private int mutex;

            void M(int shmid, int semid, int count)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                var down = new[] { new Sembuf(0, -1, SEM_UNDO) };
                while (semop(mutex, down, 1) == -1)
                {
                    if (errno != EINTR) throw new System.InvalidOperationException("semop: " + strerror(errno));
                }

                try
                {
                    Mem.Write(p, count);
                }
                finally
                {
                    _ = semop(mutex, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                }

                _ = shmdt(p);
            }
        }
        """, index: 0);

    [Fact]
    public Task CodeFix_HelperCallInALambda() => Verify.CodeFix<IPC005SynchroniseShmWritesAnalyzer, IPC005SynchroniseShmWritesCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Put(nint at, int v) => Mem.Write(at, v);

            static int M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                int pid = fork(() =>
                {
                    [|Put(p, 1)|];
                    return 0;
                });
                return pid == -1 ? -1 : shmdt(p);
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Put(nint at, int v) => Mem.Write(at, v);

            static int M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                int pid = fork(() =>
                {
                    var down = new[] { new Sembuf(0, -1, SEM_UNDO) };
                    while (semop(semid, down, 1) == -1)
                    {
                        if (errno != EINTR) throw new System.InvalidOperationException("semop: " + strerror(errno));
                    }

                    try
                    {
                        Put(p, 1);
                    }
                    finally
                    {
                        _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                    }

                    return 0;
                });
                return pid == -1 ? -1 : shmdt(p);
            }
        }
        """, IPC005SynchroniseShmWritesCodeFix.EquivalenceKeyPrefix + "semid");

    [Fact]
    public Task CodeFix_NoSemaphoreInScope_NoFix() => Verify.NoCodeFix<IPC005SynchroniseShmWritesAnalyzer, IPC005SynchroniseShmWritesCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, int count)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                [|Mem.Write(p, count)|];
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task CodeFix_ExpressionBodiedMember_NoFix() => Verify.NoCodeFix<IPC005SynchroniseShmWritesAnalyzer, IPC005SynchroniseShmWritesCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        sealed class Region
        {
            private readonly nint at;
            private readonly int semid;

            public Region(int shmid, int semid)
            {
                this.semid = semid;
                at = shmat(shmid, 0, 0);
            }

            public void Set(int value) => [|Mem.Write(at, value)|];

            public int Close() => shmdt(at);
        }
        """);
}
