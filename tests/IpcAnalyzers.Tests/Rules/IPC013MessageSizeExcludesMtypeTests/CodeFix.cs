using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC013MessageSizeExcludesMtypeTests
{
    [Fact]
    public Task CodeFix_UseMtextLength() => Verify.CodeFix<IPC013MessageSizeExcludesMtypeAnalyzer, IPC013MessageSizeExcludesMtypeCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Send(int msqid)
            {
                var msg = new MsgBuf(1, 64);
                return [|msgsnd(msqid, msg, msg.mtext.Length + sizeof(long), 0)|];
            }
        }
        """, """
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Send(int msqid)
            {
                var msg = new MsgBuf(1, 64);
                return msgsnd(msqid, msg, msg.mtext.Length, 0);
            }
        }
        """, IPC013MessageSizeExcludesMtypeCodeFix.UseMtextLengthKey);

    [Fact]
    public Task CodeFix_StructSize_ThroughField() => Verify.CodeFix<IPC013MessageSizeExcludesMtypeAnalyzer, IPC013MessageSizeExcludesMtypeCodeFix>("""
        using System.Runtime.InteropServices;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class Mailbox
        {
            private readonly MsgBuf buffer = new MsgBuf(1, 256);

            public long Take(int msqid) => [|msgrcv(msqid, this.buffer, Marshal.SizeOf<MsgBuf>(), 0, 0)|];
        }
        """, """
        using System.Runtime.InteropServices;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class Mailbox
        {
            private readonly MsgBuf buffer = new MsgBuf(1, 256);

            public long Take(int msqid) => msgrcv(msqid, this.buffer, this.buffer.mtext.Length, 0, 0);
        }
        """, IPC013MessageSizeExcludesMtypeCodeFix.UseMtextLengthKey);

    [Fact]
    public Task CodeFix_DllImport_SubtractMtype() => Verify.CodeFix<IPC013MessageSizeExcludesMtypeAnalyzer, IPC013MessageSizeExcludesMtypeCodeFix>("""
        using System.Runtime.InteropServices;

        [StructLayout(LayoutKind.Sequential)]
        unsafe struct Message
        {
            public long mtype;
            public fixed byte mtext[64];
        }

        static class Native
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int msgsnd(int msqid, ref Message msgp, nint msgsz, int msgflg);

            public static int Send(int id, ref Message m) => [|msgsnd(id, ref m, Marshal.SizeOf<Message>(), 0)|];
        }
        """, """
        using System.Runtime.InteropServices;

        [StructLayout(LayoutKind.Sequential)]
        unsafe struct Message
        {
            public long mtype;
            public fixed byte mtext[64];
        }

        static class Native
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int msgsnd(int msqid, ref Message msgp, nint msgsz, int msgflg);

            public static int Send(int id, ref Message m) => msgsnd(id, ref m, Marshal.SizeOf<Message>() - sizeof(long), 0);
        }
        """, IPC013MessageSizeExcludesMtypeCodeFix.SubtractMtypeKey);

    [Fact]
    public Task CodeFix_DllImport_DropTheAddend() => Verify.CodeFix<IPC013MessageSizeExcludesMtypeAnalyzer, IPC013MessageSizeExcludesMtypeCodeFix>("""
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int msgsnd(int msqid, byte[] msgp, nint msgsz, int msgflg);

            public static int Send(int id, byte[] text) => [|msgsnd(id, text, text.Length + sizeof(long), 0)|];
        }
        """, """
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int msgsnd(int msqid, byte[] msgp, nint msgsz, int msgflg);

            public static int Send(int id, byte[] text) => msgsnd(id, text, text.Length, 0);
        }
        """, IPC013MessageSizeExcludesMtypeCodeFix.DropMtypeKey);

    [Fact]
    public Task CodeFix_NoFixWhenBufferIsAnExpression() => Verify.NoCodeFix<IPC013MessageSizeExcludesMtypeAnalyzer, IPC013MessageSizeExcludesMtypeCodeFix>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static long M(int msqid) => [|msgrcv(msqid, new MsgBuf(0, 32), 64, 0, 0)|];
        }
        """);
}
