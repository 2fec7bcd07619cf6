using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC016PreferSigactionTests
{
    [Fact]
    public Task FixAll_Document_LeavesHandlerFindings() => Verify.FixAll<IPC016PreferSigactionAnalyzer, IPC016PreferSigactionCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private static volatile int last;

            static void OnSignal(int sig) => last = sig;

            static int Install()
            {
                [|signal(SIGINT, OnSignal)|];
                [|signal(SIGTERM, OnSignal)|];
                if ([|signal(SIGHUP, sig => last = -sig)|] == SIG_ERR) return -1;
                return 0;
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private static volatile int last;

            static void OnSignal(int sig) => last = sig;

            static int Install()
            {
                sigaction(SIGINT, new SigAction { sa_handler = OnSignal, sa_flags = SA_RESTART }, null);
                sigaction(SIGTERM, new SigAction { sa_handler = OnSignal, sa_flags = SA_RESTART }, null);
                if (sigaction(SIGHUP, new SigAction { sa_handler = sig => last = -sig, sa_flags = SA_RESTART }, null) == -1) return -1;
                return 0;
            }
        }
        """);
}
