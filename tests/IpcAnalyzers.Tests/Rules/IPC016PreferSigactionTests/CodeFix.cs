using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC016PreferSigactionTests
{
    [Fact]
    public Task CodeFix_Statement() => Verify.CodeFix<IPC016PreferSigactionAnalyzer, IPC016PreferSigactionCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private static volatile bool stop;

            static void Install()
            {
                [|signal(SIGINT, sig => stop = true)|]; // Ctrl-C
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private static volatile bool stop;

            static void Install()
            {
                sigaction(SIGINT, new SigAction { sa_handler = sig => stop = true, sa_flags = SA_RESTART }, null); // Ctrl-C
            }
        }
        """);

    [Fact]
    public Task CodeFix_SigErrCheck_BecomesMinusOne_QualifiedType() => Verify.CodeFix<IPC016PreferSigactionAnalyzer, IPC016PreferSigactionCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            private static volatile int last;

            static void OnSignal(int sig) => last = sig;

            static int Install()
            {
                if ([|signal(SIGTERM, OnSignal)|] == SIG_ERR) return -1;
                return 0;
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            private static volatile int last;

            static void OnSignal(int sig) => last = sig;

            static int Install()
            {
                if (sigaction(SIGTERM, new IpcSim.SigAction { sa_handler = OnSignal, sa_flags = SA_RESTART }, null) == -1) return -1;
                return 0;
            }
        }
        """);

    [Fact]
    public Task CodeFix_QualifiedLibcCall() => Verify.CodeFix<IPC016PreferSigactionAnalyzer, IPC016PreferSigactionCodeFix>("""
        using IpcSim;

        class C
        {
            private static volatile bool hup;

            static bool Install() => Libc.SIG_ERR != [|Libc.signal(Libc.SIGHUP, _ => hup = true)|];
        }
        """, """
        using IpcSim;

        class C
        {
            private static volatile bool hup;

            static bool Install() => Libc.sigaction(Libc.SIGHUP, new SigAction { sa_handler = _ => hup = true, sa_flags = Libc.SA_RESTART }, null) != -1;
        }
        """);

    [Fact]
    public Task CodeFix_NoFixWhenPreviousHandlerIsKept() => Verify.NoCodeFix<IPC016PreferSigactionAnalyzer, IPC016PreferSigactionCodeFix>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static Action<int>? previous;
            private static volatile bool stop;

            static void Install() => previous = [|signal(SIGINT, sig => stop = true)|];
        }
        """);

    [Fact]
    public Task CodeFix_NoFixForUnsafeHandler() => Verify.NoCodeFix<IPC016PreferSigactionAnalyzer, IPC016PreferSigactionCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Install() => sigaction(SIGINT, new SigAction { sa_handler = sig => [|perror("int")|] }, null);
        }
        """);
}
