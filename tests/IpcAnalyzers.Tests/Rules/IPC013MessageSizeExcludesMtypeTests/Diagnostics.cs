using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC013MessageSizeExcludesMtypeTests
{
    [Fact]
    public Task Diagnostic_SizeofLongAdded_AsInTheSample() => Verify.Analyzer<IPC013MessageSizeExcludesMtypeAnalyzer>("""
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
        """);

    [Fact]
    public async Task Diagnostic_Messages()
    {
        var compilation = TestCompilation.Create(["""
            using IpcSim;
            using static IpcSim.Libc;
            class C
            {
                static void M(int q)
                {
                    var msg = new MsgBuf(1, 64);
                    _ = msgsnd(q, msg, 8 + msg.mtext.Length, 0);
                    _ = msgrcv(q, msg, 128, 0, 0);
                }
            }
            """]);
        var diagnostics = await TestCompilation.AnalyzeAsync(compilation, [new IPC013MessageSizeExcludesMtypeAnalyzer()]);
        Assert.Equal(
            ["msgsz counts the 8-byte mtype ('8'); pass the length of mtext", "msgsz is 128 but mtext holds 64 bytes; pass the length of mtext"],
            diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public Task Diagnostic_EightAddedToMtextLength() => Verify.Analyzer<IPC013MessageSizeExcludesMtypeAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static long Receive(int msqid, MsgBuf msg) => [|msgrcv(msqid, msg, msg.mtext.Length + 8, 0, 0)|];
        }
        """);

    [Fact]
    public Task Diagnostic_ConstantLargerThanCapacity() => Verify.Analyzer<IPC013MessageSizeExcludesMtypeAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            const long MaxMessage = 128;

            static void M(int msqid)
            {
                var msg = new MsgBuf(1, 64);
                _ = [|msgsnd(msqid, msg, MaxMessage, 0)|];
                _ = [|msgrcv(msqid, new MsgBuf(0, 32), 64, 0, 0)|];
                var init = new MsgBuf { mtype = 1, mtext = new byte[10] };
                _ = [|msgsnd(msqid, init, 11, 0)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_MarshalSizeOfMsgBufAndStruct() => Verify.Analyzer<IPC013MessageSizeExcludesMtypeAnalyzer>("""
        using System.Runtime.InteropServices;
        using IpcSim;
        using static IpcSim.Libc;

        struct Order
        {
            public long mtype;
            public int quantity;
        }

        class C
        {
            static void M(int msqid, MsgBuf msg, Order order)
            {
                _ = [|msgsnd(msqid, msg, Marshal.SizeOf<Order>(), 0)|];
                _ = [|msgsnd(msqid, msg, Marshal.SizeOf(order), 0)|];
                _ = [|msgsnd(msqid, msg, Marshal.SizeOf(typeof(Order)), 0)|];
                _ = [|msgsnd(msqid, msg, System.Runtime.CompilerServices.Unsafe.SizeOf<Order>(), 0)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_DllImportStruct() => Verify.Analyzer<IPC013MessageSizeExcludesMtypeAnalyzer>("""
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

            [DllImport("libc", SetLastError = true)]
            private static extern nint msgrcv(int msqid, ref Message msgp, nint msgsz, long msgtyp, int msgflg);

            public static int Send(int id, ref Message m) => [|msgsnd(id, ref m, Marshal.SizeOf<Message>(), 0)|];

            public static unsafe nint Receive(int id, ref Message m) => [|msgrcv(id, ref m, sizeof(Message), 0, 0)|];
        }
        """);

    [Fact]
    public Task Diagnostic_WrapperClass() => Verify.Analyzer<IPC013MessageSizeExcludesMtypeAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        sealed class Mailbox
        {
            private readonly int msqid;
            private readonly MsgBuf buffer = new MsgBuf(1, 256);

            public Mailbox(int msqid) => this.msqid = msqid;

            public int Post() => [|msgsnd(msqid, buffer, buffer.mtext.Length + sizeof(long), IPC_NOWAIT)|];
        }
        """);

    [Theory]
    [InlineData("_ = [|msgsnd(q, msg, msg.mtext.Length + sizeof(long), 0)|] +;")]
    [InlineData("_ = msgsnd(q, msg, undefined + 8, 0);")]
    [InlineData("_ = msgrcv(q, msg, , 0, 0);")]
    [InlineData("var m = new MsgBuf(1, ); _ = msgsnd(q, m, 128, 0);")]
    public Task Diagnostic_BrokenCode_NoException(string body) => Verify.BrokenCode<IPC013MessageSizeExcludesMtypeAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int q, MsgBuf msg)
            {
                {{body}}
            }
        }
        """);
}
