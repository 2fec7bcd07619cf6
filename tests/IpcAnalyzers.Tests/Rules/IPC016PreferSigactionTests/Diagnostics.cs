using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC016PreferSigactionTests
{
    [Fact]
    public Task Diagnostic_SignalWithConsoleHandler_AsInTheSample() => Verify.Analyzer<IPC016PreferSigactionAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void Install()
            {
                [|signal(SIGINT, sig => [|System.Console.WriteLine("caught " + sig)|])|];
            }
        }
        """);

    [Fact]
    public async Task Diagnostic_Messages()
    {
        var compilation = TestCompilation.Create(["""
            using static IpcSim.Libc;
            class C { static void M() { signal(SIGINT, sig => perror("sig")); } }
            """]);
        var messages = (await TestCompilation.AnalyzeAsync(compilation, [new IPC016PreferSigactionAnalyzer()]))
            .Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(
            [
                "signal() installs a handler with semantics that differ between systems; use sigaction with SA_RESTART",
                "The signal handler calls perror, which is not async-signal-safe; set a volatile flag and do the work outside the handler",
            ],
            messages);
    }

    [Fact]
    public Task Diagnostic_SignalWithSafeMethodGroup_OnlyTheCall() => Verify.Analyzer<IPC016PreferSigactionAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            private static volatile bool stop;

            static void OnInt(int sig) => stop = true;

            static void Install()
            {
                if ([|signal(SIGINT, OnInt)|] == SIG_ERR) perror("signal");
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SigactionHandler_InterpolationAndAllocation() => Verify.Analyzer<IPC016PreferSigactionAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static string last = "";

            static int Install()
            {
                _ = sigaction(SIGUSR1, new SigAction { sa_handler = sig => last = [|$"signal {sig}"|] }, null);
                return sigaction(SIGUSR2, new SigAction { sa_handler = sig => { var b = [|new byte[16]|]; _ = write(1, b, 16); } }, null);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_HelperCalledFromHandler_ReportedAtTheHelperCall() => Verify.Analyzer<IPC016PreferSigactionAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        static class Logging
        {
            public static void Log(string text) => System.Console.Error.WriteLine(text);
        }

        class Server
        {
            static void OnHup(int sig)
            {
                int saved = errno;
                [|Logging.Log("reload")|];
                errno = saved;
            }

            static int Install() => sigaction(SIGHUP, new SigAction { sa_handler = OnHup, sa_flags = SA_RESTART }, null);
        }
        """);

    [Fact]
    public Task Diagnostic_LockAndNonSafeLibc() => Verify.Analyzer<IPC016PreferSigactionAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private static readonly object gate = new();
            private static int count;

            static void Install(int shmid)
            {
                var act = new SigAction();
                act.sa_handler = sig => { [|lock (gate) { count++; }|] };
                _ = sigaction(SIGUSR1, act, null);
                var other = new SigAction { sa_handler = sig => [|exit(1)|] };
                _ = sigaction(SIGTERM, other, null);
                var third = new SigAction { sa_handler = sig => [|shmctl(shmid, IPC_RMID, null)|] };
                _ = sigaction(SIGQUIT, third, null);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_HandlerInstalledTwice_ReportedOnce() => Verify.Analyzer<IPC016PreferSigactionAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void OnSignal(int sig) => [|perror("signal")|];

            static void Install()
            {
                var act = new SigAction { sa_handler = OnSignal };
                _ = sigaction(SIGINT, act, null);
                _ = sigaction(SIGTERM, new SigAction { sa_handler = OnSignal }, null);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_DllImportSignal() => Verify.Analyzer<IPC016PreferSigactionAnalyzer>("""
        using System;
        using System.Runtime.InteropServices;

        static class Native
        {
            public delegate void Handler(int sig);

            [DllImport("libc")]
            private static extern IntPtr signal(int signum, Handler handler);

            private static void OnInt(int sig) => [|Console.WriteLine(sig)|];

            public static void Install() => [|signal(2, OnInt)|];
        }
        """);

    [Theory]
    [InlineData("[|signal(SIGINT, sig => [|Console.WriteLine(sig)|])|] +;")]
    [InlineData("signal(SIGINT, sig => undefined(sig));")]
    [InlineData("signal(SIGINT, );")]
    [InlineData("_ = sigaction(SIGINT, new SigAction { sa_handler = Missing }, null);")]
    [InlineData("_ = sigaction(SIGINT, new SigAction { sa_handler = sig => { perror( }, null);")]
    public Task Diagnostic_BrokenCode_NoException(string body) => Verify.BrokenCode<IPC016PreferSigactionAnalyzer>($$"""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                {{body}}
            }
        }
        """);
}
