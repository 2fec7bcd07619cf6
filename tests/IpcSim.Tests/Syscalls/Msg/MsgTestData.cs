using System.Text;

namespace IpcSim.Tests.Syscalls.Msg;

internal static class MsgTestData
{
    internal const int Mode600 = S_IRUSR | S_IWUSR;

    internal static int NewQueue() => (int)ErrnoAssert.Succeeds(() => msgget(IPC_PRIVATE, IPC_CREAT | Mode600), "msgget");

    internal static MsgBuf Text(long type, string s)
    {
        var m = new MsgBuf(type, Encoding.UTF8.GetByteCount(s));
        Encoding.UTF8.GetBytes(s, m.mtext);
        return m;
    }

    internal static void Send(int q, long type, string s)
    {
        var m = Text(type, s);
        ErrnoAssert.Succeeds(() => msgsnd(q, m, m.mtext.Length, 0), "msgsnd");
    }

    /// <summary>Receives and returns (type, text).</summary>
    internal static (long Type, string Text) Receive(int q, long msgtyp, int flags = 0, int capacity = 256)
    {
        var m = new MsgBuf(0, capacity);
        var n = ErrnoAssert.Succeeds(() => msgrcv(q, m, capacity, msgtyp, flags), "msgrcv");
        return (m.mtype, Encoding.UTF8.GetString(m.mtext, 0, (int)n));
    }

    internal static MsqidDs Stat(int q)
    {
        var ds = new MsqidDs();
        ErrnoAssert.Succeeds(() => msgctl(q, IPC_STAT, ds), "IPC_STAT");
        return ds;
    }
}
