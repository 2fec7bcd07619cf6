using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC008ReleaseWhatYouAcquireTests
{
    [Fact]
    public Task Valid_VInFinally() => Verify.Analyzer<IPC008ReleaseWhatYouAcquireAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int WithLock(int semid, Action work)
            {
                var p = new[] { new Sembuf(0, -1, 0) };
                var v = new[] { new Sembuf(0, 1, 0) };
                while (semop(semid, p, 1) == -1)
                {
                    if (errno != EINTR) return -1;
                }

                try
                {
                    work();
                    return 0;
                }
                finally
                {
                    _ = semop(semid, v, 1);
                }
            }
        }
        """);
}
