using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC008ReleaseWhatYouAcquireTests
{
    [Fact]
    public Task Diagnostic_DelegateThrowsBetweenPAndV_Sample() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
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
        """);
}

public sealed partial class IPC008ReleaseWhatYouAcquireTests
{
    [Fact]
    public Task Diagnostic_ThrowStatementBetweenPAndV() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Store(int semid, int[] slots, int value)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                if ([|semop(semid, p, 1)|] == -1) return -1;
                if (value < 0) throw new ArgumentOutOfRangeException(nameof(value));
                slots[0] = value;
                return semop(semid, v, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CallOfMethodThatThrows() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Validate(int value)
            {
                if (value < 0) throw new ArgumentOutOfRangeException(nameof(value));
            }

            static int Store(int semid, int[] slots, int value)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                if ([|semop(semid, p, 1)|] == -1) return -1;
                Validate(value);
                slots[0] = value;
                return semop(semid, v, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InterfaceCallBetweenPAndV() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        interface IJob
        {
            void Run();
        }

        class C
        {
            static int Run(int semid, IJob job)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                if ([|semop(semid, p, 1)|] == -1) return -1;
                job.Run();
                return semop(semid, v, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_EarlyReturnBetweenPAndV() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Take(int semid, int[] queue)
            {
                var p = new[] { new Sembuf(0, -1, SEM_UNDO) };
                var v = new[] { new Sembuf(0, 1, SEM_UNDO) };
                if ([|semop(semid, p, 1)|] == -1) return -1;
                if (queue[0] == 0) return 0;
                queue[0]--;
                semop(semid, v, 1);
                return 1;
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CollectionExpressionSembufs() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Run(int semid, Action work)
            {
                [|semop(semid, [new Sembuf(1, -1, SEM_UNDO)], 1)|];
                work();
                semop(semid, [new Sembuf(1, 1, SEM_UNDO)], 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ObjectInitialiserSembufs() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Run(int semid, Func<int> work)
            {
                var p = new Sembuf[] { new Sembuf { sem_num = 0, sem_op = -1, sem_flg = SEM_UNDO } };
                var v = new Sembuf[] { new Sembuf { sem_num = 0, sem_op = 1, sem_flg = SEM_UNDO } };
                [|semop(semid, p, 1)|];
                work();
                semop(semid, v, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ArrayBuiltElementByElement() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Run(int semid, Action work)
            {
                var ops = new Sembuf[1];
                ops[0].sem_num = 0;
                ops[0].sem_op = -1;
                ops[0].sem_flg = SEM_UNDO;
                if ([|semop(semid, ops, 1)|] == -1) return -1;
                work();
                ops[0].sem_op = 1;
                return semop(semid, ops, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_StaticReadonlyFieldSembufs() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private static readonly Sembuf[] Lock = [new Sembuf(0, -1, SEM_UNDO)];
            private static readonly Sembuf[] Unlock = [new Sembuf(0, 1, SEM_UNDO)];
            private readonly int semid;

            C(int semid) => this.semid = semid;

            void Run(Action work)
            {
                if ([|semop(semid, Lock, 1)|] == -1) return;
                work();
                semop(semid, Unlock, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SembufStructLocal() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Run(int semid, Action work)
            {
                var sb = new Sembuf(0, -1, SEM_UNDO);
                [|semop(semid, new[] { sb }, 1)|];
                work();
                sb.sem_op = 1;
                semop(semid, new[] { sb }, 1);
            }
        }
        """);
}
