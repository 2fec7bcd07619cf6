using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC016PreferSigactionTests
{
    [Fact]
    public Task Valid_SigactionWithSafeLambda() => Verify.Analyzer<IPC016PreferSigactionAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private static volatile int stop;
            private static readonly byte[] Message = [(byte)'!', (byte)'\n'];

            static int Install()
            {
                return sigaction(SIGINT, new SigAction
                {
                    sa_handler = sig =>
                    {
                        int saved = errno;
                        stop = sig;
                        _ = write(2, Message, Message.Length);
                        errno = saved;
                    },
                    sa_flags = SA_RESTART,
                }, null);
            }
        }
        """);

    [Fact]
    public Task Valid_SignalWithDefaultOrIgnore() => Verify.Analyzer<IPC016PreferSigactionAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                signal(SIGPIPE, SIG_IGN);
                signal(SIGINT, SIG_DFL);
            }
        }
        """);

    [Fact]
    public Task Valid_MethodGroupHandler_CallsOnlySafeHelpers() => Verify.Analyzer<IPC016PreferSigactionAnalyzer>("""
        using System.Threading;
        using IpcSim;
        using static IpcSim.Libc;

        class Shutdown
        {
            private static int requested;

            static void OnTerm(int sig)
            {
                Flag();
                if (getpid() == 1) _exit(128 + sig);
                _ = kill(getppid(), SIGUSR1);
            }

            static void Flag() => Interlocked.Exchange(ref requested, 1);

            static int Install()
            {
                var act = new SigAction();
                act.sa_handler = OnTerm;
                act.sa_flags = SA_RESTART;
                return sigaction(SIGTERM, act, null);
            }
        }
        """);

    [Fact]
    public Task Valid_LocalFunction_StructAndArrayElement() => Verify.Analyzer<IPC016PreferSigactionAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Install(int[] counters)
            {
                void OnUsr1(int sig)
                {
                    counters[0]++;
                    var op = new Sembuf(0, 1, 0);
                }

                return sigaction(SIGUSR1, new SigAction { sa_handler = OnUsr1 }, null);
            }
        }
        """);

    [Fact]
    public Task Valid_NestedLambdaIsNotRunByTheHandler() => Verify.Analyzer<IPC016PreferSigactionAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private static Action? later;

            static int Install()
            {
                Action<int> handler = sig => later = null;
                later = () => Console.WriteLine("not in the handler");
                return sigaction(SIGHUP, new SigAction { sa_handler = handler }, null);
            }
        }
        """);
}
