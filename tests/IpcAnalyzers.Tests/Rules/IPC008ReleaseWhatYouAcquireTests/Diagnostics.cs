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
