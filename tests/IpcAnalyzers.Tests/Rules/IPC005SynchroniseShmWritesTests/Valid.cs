using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC005SynchroniseShmWritesTests
{
    [Fact]
    public Task Valid_InlinePAndVInFinally() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{SemHelpers}}

            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                if (semop(semid, Down, 1) == -1) return;
                try
                {
                    int value = Mem.Read<int>(p);
                    Mem.Write(p, value + 1);
                    Mem.WriteString(p + 4, "done");
                }
                finally
                {
                    _ = semop(semid, Up, 1);
                }

                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_PInALoop_VAtTheEndOfEachIteration() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                var down = new Sembuf[1];
                down[0].sem_num = 0;
                down[0].sem_op = -1;
                down[0].sem_flg = SEM_UNDO;
                for (int i = 0; i < 4; i++)
                {
                    if (semop(semid, down, 1) == -1) break;
                    Mem.Write(p + i * 4, i);
                    _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                }

                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_ReadsOnly() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                int value = Mem.Read<int>(p) + Mem.Read<int>(p + 4);
                _ = shmdt(p);
                return value;
            }
        }
        """);

    [Fact]
    public Task Valid_ReadOnlyAttachIsNotThisRulesBusiness() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, SHM_RDONLY);
                if (p == -1) return;
                Mem.Write(p, 1);
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_WriteToMemoryNotFromShmat() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;

        class C
        {
            static void M(nint somewhere) => Mem.Write(somewhere, 1);

            static void Caller() => M(0x1000);
        }
        """);

    [Fact]
    public Task Valid_InitialisationBeforeFork() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{SemHelpers}}

            static int M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                Mem.Write(p, 0);
                Mem.WriteString(p + 4, "ready");
                int pid = fork(() =>
                {
                    if (semop(semid, Down, 1) == -1) return 1;
                    Mem.Write(p, 1);
                    return semop(semid, Up, 1) == -1 ? 1 : 0;
                });
                if (pid == -1) return -1;
                _ = waitpid(pid, out _, 0);
                return shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_PrivateSegmentBeforeItsIdIsPublished() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Create()
            {
                int id = shmget(IPC_PRIVATE, 64, IPC_CREAT | 0b110_000_000);
                if (id == -1) return -1;
                nint p = shmat(id, 0, 0);
                if (p == -1)
                {
                    _ = shmctl(id, IPC_RMID, null);
                    return -1;
                }

                Mem.Write(p, 42);
                Mem.WriteString(p + 4, "header");
                _ = shmdt(p);
                return id;
            }
        }
        """);

    [Fact]
    public Task Valid_FillTheBufferThenVFull() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            const int Full = 1;

            static int Produce(int shmid, int semid, byte[] message)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                Mem.Write(p, message.Length);
                Mem.WriteBytes(p + 4, message);
                int r = semop(semid, new[] { new Sembuf(Full, 1, 0) }, 1);
                _ = shmdt(p);
                return r;
            }
        }
        """);

    [Fact]
    public Task Valid_ProducerConsumer_PEmptyWriteVFull() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            const int Empty = 0;
            const int Full = 1;

            static int Produce(int shmid, int semid)
            {
                nint ring = shmat(shmid, 0, 0);
                if (ring == -1) return -1;
                for (int i = 0; i < 10; i++)
                {
                    if (semop(semid, new[] { new Sembuf(Empty, -1, 0) }, 1) == -1) break;
                    Mem.Write(ring + (i % 4) * 4, i * i);
                    if (semop(semid, new[] { new Sembuf(Full, 1, 0) }, 1) == -1) break;
                }

                return shmdt(ring);
            }
        }
        """);

    [Fact]
    public Task Valid_OpaqueSemopBeforeTheWrite() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, int semid, Sembuf[] ops)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                if (semop(semid, ops, ops.Length) == -1) return;
                Mem.Write(p, 1);
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_DoWhileEintrRetryThenFailureTest() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                var down = new Sembuf[1];
                down[0].sem_num = 0;
                down[0].sem_op = -1;
                down[0].sem_flg = SEM_UNDO;
                int r;
                do
                {
                    r = semop(semid, down, 1);
                }
                while (r == -1 && errno == EINTR);

                if (r == -1) return shmdt(p);
                Mem.Write(p, 1);
                _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                return shmdt(p);
            }
        }
        """);
}
