using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC005SynchroniseShmWritesTests
{
    private const string SemOpHelper = """
            static void SemOp(int semid, int num, int op)
            {
                var sops = new[] { new Sembuf(num, op, 0) };
                while (semop(semid, sops, 1) == -1)
                {
                    if (errno == EINTR) continue;
                    perror("semop");
                    exit(1);
                }
            }
        """;

    // Regression (real-code sweep): the helper's sem_op and sem_num are its parameters; the caller's constant -1
    // makes the call a P on semid[0], which dominates the write.
    [Fact]
    public Task Valid_SemOpHelperWithOpParameter_CallersConstantMinusOneIsAP() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{SemOpHelper}}

            static void M(int shmid, int semid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return;
                for (int i = 0; i < 5; i++)
                {
                    SemOp(semid, 0, -1);
                    Mem.Write(addr, i);
                    SemOp(semid, 1, 1);
                }

                _ = shmdt(addr);
            }
        }
        """);

    // The same helper called with a V before the write (a positive op): no P dominates it.
    [Fact]
    public Task Diagnostic_SemOpHelperWithOpParameter_CallersPositiveOpIsNotAP() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
        {{SemOpHelper}}

            static void M(int shmid, int semid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return;
                SemOp(semid, 0, 1);
                [|Mem.Write(addr, 1)|];
                _ = shmdt(addr);
            }
        }
        """);
}
