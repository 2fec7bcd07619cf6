using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC006RetryOnEintrTests
{
    [Fact]
    public Task CodeFix_Declaration_KeepsVariable() => Verify.CodeFix<IPC006RetryOnEintrAnalyzer, IPC006RetryOnEintrCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static long Receive(int msqid, MsgBuf buf)
            {
                long n = [|msgrcv(msqid, buf, buf.mtext.Length, 0, 0)|];
                if (n == -1) { perror("msgrcv"); return -1; }
                return n;
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static long Receive(int msqid, MsgBuf buf)
            {
                long n;
                do
                {
                    n = msgrcv(msqid, buf, buf.mtext.Length, 0, 0);
                }
                while (n == -1 && errno == EINTR);
                if (n == -1) { perror("msgrcv"); return -1; }
                return n;
            }
        }
        """);

    [Fact]
    public Task CodeFix_Assignment() => Verify.CodeFix<IPC006RetryOnEintrAnalyzer, IPC006RetryOnEintrCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid, Sembuf[] ops)
            {
                int r;
                r = [|semop(semid, ops, 1)|];
                return r == -1 ? 1 : 0;
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid, Sembuf[] ops)
            {
                int r;
                do
                {
                    r = semop(semid, ops, 1);
                }
                while (r == -1 && errno == EINTR);
                return r == -1 ? 1 : 0;
            }
        }
        """);

    [Fact]
    public Task CodeFix_CallInCondition_IsHoisted() => Verify.CodeFix<IPC006RetryOnEintrAnalyzer, IPC006RetryOnEintrCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int semid, Sembuf[] ops)
            {
                if ([|semop(semid, ops, 1)|] == -1)
                {
                    perror("semop");
                }
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int semid, Sembuf[] ops)
            {
                int r;
                do
                {
                    r = semop(semid, ops, 1);
                }
                while (r == -1 && errno == EINTR);
                if (r == -1)
                {
                    perror("semop");
                }
            }
        }
        """);

    [Fact]
    public Task CodeFix_QualifiedCalls_AddsUsingStatic() => Verify.CodeFix<IPC006RetryOnEintrAnalyzer, IPC006RetryOnEintrCodeFix>("""
        using IpcSim;

        class C
        {
            static int M(int msqid, MsgBuf buf)
            {
                int r = [|Libc.msgsnd(msqid, buf, 8, 0)|];
                return r == -1 ? 1 : 0;
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int msqid, MsgBuf buf)
            {
                int r;
                do
                {
                    r = Libc.msgsnd(msqid, buf, 8, 0);
                }
                while (r == -1 && errno == EINTR);
                return r == -1 ? 1 : 0;
            }
        }
        """);

    [Fact]
    public Task CodeFix_CallInsideLambdaCondition_NoFix() => Verify.NoCodeFix<IPC006RetryOnEintrAnalyzer, IPC006RetryOnEintrCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(bool ready, int semid, Sembuf[] ops)
            {
                if (ready && [|semop(semid, ops, 1)|] == -1) perror("semop");
            }
        }
        """);
}
