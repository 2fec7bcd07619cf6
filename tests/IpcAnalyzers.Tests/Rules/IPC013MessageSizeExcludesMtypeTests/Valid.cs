using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC013MessageSizeExcludesMtypeTests
{
    [Fact]
    public Task Valid_MtextLength() => Verify.Analyzer<IPC013MessageSizeExcludesMtypeAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int msqid)
            {
                var msg = new MsgBuf(1, 64);
                _ = msgsnd(msqid, msg, msg.mtext.Length, 0);
                _ = msgrcv(msqid, msg, msg.mtext.Length, 0, 0);
            }
        }
        """);

    [Fact]
    public Task Valid_ConstantsWithinCapacity() => Verify.Analyzer<IPC013MessageSizeExcludesMtypeAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            const int Capacity = 128;

            static void M(int msqid)
            {
                var msg = new MsgBuf(1, Capacity);
                _ = msgsnd(msqid, msg, 100, 0);
                _ = msgrcv(msqid, msg, Capacity, 0, MSG_NOERROR);
                var other = new MsgBuf { mtype = 2, mtext = new byte[16] };
                _ = msgsnd(msqid, other, 16, IPC_NOWAIT);
            }
        }
        """);

    [Fact]
    public Task Valid_MtextReplaced_CapacityUnknown() => Verify.Analyzer<IPC013MessageSizeExcludesMtypeAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int msqid, byte[] payload)
            {
                var msg = new MsgBuf(1, 8);
                msg.mtext = payload;
                return msgsnd(msqid, msg, 512, 0);
            }
        }
        """);

    [Fact]
    public Task Valid_SizeFromParameterOrHelper() => Verify.Analyzer<IPC013MessageSizeExcludesMtypeAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static long PayloadLength(MsgBuf m) => m.mtext.Length;

            static void M(int msqid, MsgBuf msg, long size)
            {
                _ = msgsnd(msqid, msg, size, 0);
                _ = msgsnd(msqid, msg, PayloadLength(msg), 0);
                _ = msgsnd(msqid, msg, size + 8, 0);
            }
        }
        """);

    [Fact]
    public Task Valid_DllImportWithStructSizeMinusMtype() => Verify.Analyzer<IPC013MessageSizeExcludesMtypeAnalyzer>("""
        using System.Runtime.InteropServices;

        [StructLayout(LayoutKind.Sequential)]
        unsafe struct Message
        {
            public long mtype;
            public fixed byte mtext[64];
        }

        [StructLayout(LayoutKind.Sequential)]
        struct Payload
        {
            public int a, b;
        }

        static class Native
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int msgsnd(int msqid, ref Message msgp, nint msgsz, int msgflg);

            public static int Send(int id, ref Message m) => msgsnd(id, ref m, Marshal.SizeOf<Message>() - sizeof(long), 0);

            public static int Payload(int id, ref Message m) => msgsnd(id, ref m, Marshal.SizeOf<Payload>(), 0);
        }
        """);
}
