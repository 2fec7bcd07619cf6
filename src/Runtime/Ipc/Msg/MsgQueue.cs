namespace IpcSim;

/// <summary>
/// A message queue. Mirrors ipc/msg.c: struct msg_queue, with its message list and its sleeping
/// receivers (q_receivers, each request a <see cref="MsgReceiver"/>) and senders (q_senders).
/// Guarded by the kernel's Gate.
/// </summary>
internal sealed class MsgQueue : KernIpcPerm
{
    internal MsgQueue(int key, int mode, long qbytes, long now)
    {
        Key = key;
        Mode = mode;
        QBytes = qbytes;
        CTime = now;
        Receivers = new WaitQueue("message queue (receivers)");
        Senders = new WaitQueue("message queue (senders)");
    }

    internal LinkedList<Message> Messages { get; } = new();

    /// <summary>q_cbytes: bytes in the queue.</summary>
    internal long CBytes { get; set; }

    /// <summary>q_qbytes: the most bytes (and messages) the queue holds.</summary>
    internal long QBytes { get; set; }

    internal long QNum => Messages.Count;

    internal long STime { get; set; }

    internal long RTime { get; set; }

    internal long CTime { get; set; }

    internal int LsPid { get; set; }

    internal int LrPid { get; set; }

    internal WaitQueue Receivers { get; }

    internal WaitQueue Senders { get; }

    /// <summary>Mirrors ipc/msg.c: msg_fits_inqueue(): the bytes, and one more message, within q_qbytes.</summary>
    internal bool Fits(long msgsz) => msgsz + CBytes <= QBytes && 1 + QNum <= QBytes;
}

/// <summary>One message. Mirrors include/linux/msg.h: struct msg_msg.</summary>
internal sealed record Message(long Type, byte[] Text);

/// <summary>How msgrcv picks a message (ipc/msg.c: the SEARCH_* modes of convert_mode()).</summary>
internal enum MsgSearch
{
    Any,
    Equal,
    NotEqual,
    LessEqual,
    Number,
}

/// <summary>A sleeping msgrcv. Mirrors ipc/msg.c: struct msg_receiver.</summary>
internal sealed class MsgReceiver
{
    internal MsgReceiver(long type, MsgSearch mode, long maxSize, int pid)
    {
        Type = type;
        Mode = mode;
        MaxSize = maxSize;
        Pid = pid;
    }

    internal long Type { get; }

    internal MsgSearch Mode { get; }

    /// <summary>r_maxsize: msgsz, or unlimited with MSG_NOERROR.</summary>
    internal long MaxSize { get; }

    internal int Pid { get; }

    /// <summary>r_msg: the message a sender handed over (pipelined_send).</summary>
    internal Message? Msg { get; set; }
}
