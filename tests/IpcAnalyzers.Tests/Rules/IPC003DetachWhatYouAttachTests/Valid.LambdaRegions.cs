using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC003DetachWhatYouAttachTests
{
    /// <summary>
    /// A lambda's graph has its regions nested in the declaring method's: a call that may throw inside a fork child
    /// declared in a try/finally must not run (or index) the declaring method's finally blocks.
    /// </summary>
    [Fact]
    public Task Valid_ThrowingCallInForkLambdaDeclaredInTryFinally_IsNotRoutedThroughTheMethodsFinally() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Lock(int semid)
            {
                var sops = new[] { new Sembuf(0, -1, SEM_UNDO) };
                while (semop(semid, sops, 1) == -1) { if (errno != EINTR) throw new InvalidOperationException(); }
            }

            static int M(int shmid, int semid)
            {
                try
                {
                    nint addr = shmat(shmid, 0, 0);
                    if (addr == -1) return 1;
                    try
                    {
                        int child = fork(() => { Lock(semid); _exit(0); });
                        if (child == -1) return 1;
                    }
                    finally
                    {
                        if (shmdt(addr) == -1) perror("shmdt");
                    }
                }
                finally
                {
                    if (semctl(semid, 0, IPC_RMID) == -1) perror("semctl");
                }
                return 0;
            }
        }
        """);
}
