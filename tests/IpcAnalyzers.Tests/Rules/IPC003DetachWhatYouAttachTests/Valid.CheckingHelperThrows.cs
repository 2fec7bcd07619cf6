using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC003DetachWhatYouAttachTests
{
    // CheckAddr throws only when its argument is (void*)-1: its exception path is shmat's failure path, on which
    // nothing is attached, so leaving through the outer finally is not a leak.
    [Fact]
    public Task Valid_ShmatPassedToCheckingHelperInsideTryFinally_ThrowPathHasNothingAttached() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        static class Err
        {
            public static nint CheckAddr(nint p, string what)
            {
                if (p == (nint)(-1)) throw new InvalidOperationException(what);
                return p;
            }
        }

        class C
        {
            static void M(int shmid, int semid)
            {
                try
                {
                    nint addr = Err.CheckAddr(shmat(shmid, 0, 0), "shmat");
                    try
                    {
                        Mem.Write<int>(addr, 1);
                    }
                    finally
                    {
                        shmdt(addr);
                    }
                }
                finally
                {
                    semctl(semid, 0, IPC_RMID);
                }
            }
        }
        """);

    // The helper checks its argument, but the exception comes from elsewhere (a call that may throw after the
    // address was returned): the attachment is still there, and the finally does not detach it.
    [Fact]
    public Task Diagnostic_ThrowAfterCheckingHelper_StillLeaks() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        static class Err
        {
            public static nint CheckAddr(nint p, string what)
            {
                if (p == (nint)(-1)) throw new InvalidOperationException(what);
                return p;
            }

            public static void Log(string s) => Console.Error.WriteLine(s);
        }

        class C
        {
            static void M(int shmid, int semid)
            {
                try
                {
                    nint addr = Err.CheckAddr([|shmat(shmid, 0, 0)|], "shmat");
                    Err.Log("attached");
                    shmdt(addr);
                }
                finally
                {
                    semctl(semid, 0, IPC_RMID);
                }
            }
        }
        """);
}
