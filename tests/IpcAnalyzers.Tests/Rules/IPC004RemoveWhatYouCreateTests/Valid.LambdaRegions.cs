using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC004RemoveWhatYouCreateTests
{
    /// <summary>A throw inside a lambda declared in a try/finally leaves the lambda, not the declaring method's try.</summary>
    [Fact]
    public Task Valid_ThrowInLambdaDeclaredInTryFinally_IsNotRoutedThroughTheMethodsFinally() => Verify.Analyzer<IPC004RemoveWhatYouCreateAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M()
            {
                int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (semid == -1) return 1;
                try
                {
                    int child = fork(() =>
                    {
                        if (getpid() == 0) throw new InvalidOperationException();
                        _exit(0);
                    });
                    if (child == -1) return 1;
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
