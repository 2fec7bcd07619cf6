using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace IpcSamples;

/// <summary>
/// A request/reply server over one System V message queue, in the style of TLPI's
/// svmsg_file: a well-known key that server and clients agree on, requests whose mtype is
/// the kind of request, and replies whose mtype is the client's pid, so that each client
/// receives only its own answers from the shared queue.
/// <para>
/// The clients queue their requests before the server is up (a queue keeps messages with no
/// reader, unlike a pipe). The server then takes them with a negative msgtyp: the lowest type
/// first, so every UPPER request (type 1) is served before any SUM (type 2), and the STOP
/// (type 3) only when no request is left. Only the server prints while it runs; the parent
/// reports the clients' exit statuses afterwards, so the transcript has one order.
/// </para>
/// </summary>
public static class MessageQueueServer
{
    /// <summary>The well-known key (no ftok: a fixed key needs no agreed file and is the same on every machine).</summary>
    private const int ServerKey = 0x1aaaaaa1;

    // Request types: the server serves the lowest first.
    private const long ReqUpper = 1;
    private const long ReqSum = 2;
    private const long ReqStop = 3;

    private const int PidBytes = sizeof(int);
    private const int MaxText = 60;
    private const int MsgCapacity = PidBytes + MaxText;

    private static readonly (string Upper, string Sum)[] ClientRequests =
    [
        ("hello", "1 2 3"),
        ("message", "10 20 30 40"),
        ("queues", "7"),
    ];

    public static int Run(Shell shell)
    {
        ArgumentNullException.ThrowIfNull(shell);
        puts($"Message-queue server: key 0x{ServerKey:x8}, {ClientRequests.Length} clients, requests UPPER (type 1) and SUM (type 2), replies by mtype = client pid.");

        int qid = msgget(ServerKey, IPC_CREAT | IPC_EXCL | S_IRUSR | S_IWUSR);
        if (qid == -1)
        {
            perror("msgget");
            return 1;
        }

        int status;
        try
        {
            shell.Ipcs("the queue is created (IPC_CREAT | IPC_EXCL, mode 0600)");
            status = Serve(shell, qid);
            shell.Ipcs("every request answered: the queue is empty");
        }
        finally
        {
            if (msgctl(qid, IPC_RMID, null) == -1) perror("msgctl IPC_RMID");
        }

        shell.Ipcs("after IPC_RMID: nothing is left behind");
        return status;
    }

    private static int Serve(Shell shell, int qid)
    {
        var clients = new int[ClientRequests.Length];
        for (var k = 0; k < clients.Length; k++)
        {
            var request = ClientRequests[k];
            var delay = (uint)(k + 1);
            clients[k] = fork(() => Client(delay, request.Upper, request.Sum));
            if (clients[k] == -1)
            {
                perror("fork");
                return 1;
            }

            puts($"client {k + 1} is pid {clients[k]}: it will ask UPPER \"{request.Upper}\" and SUM \"{request.Sum}\"");
        }

        // Client k sends at second k. The server starts later, so the requests wait in the queue.
        if (sleep((uint)clients.Length + 1) != 0) return 1;
        shell.Ipcs("the clients have queued their requests; no server is running yet");

        int server = fork(() => ServerLoop(qid));
        if (server == -1)
        {
            perror("fork");
            return 1;
        }

        var statuses = new int[clients.Length];
        for (var k = 0; k < clients.Length; k++)
        {
            if (!WaitFor(clients[k], out statuses[k])) return 1;
        }

        // Every client has its answers: ask the server to stop.
        var stop = new MsgBuf(ReqStop, MsgCapacity);
        BinaryPrimitives.WriteInt32LittleEndian(stop.mtext, getpid());
        if (!Send(qid, stop, PidBytes)) return 1;
        if (!WaitFor(server, out var serverStatus)) return 1;

        var ok = Report("server", serverStatus);
        for (var k = 0; k < clients.Length; k++) ok &= Report($"client {k + 1}", statuses[k]);
        return ok ? 0 : 1;
    }

    /// <summary>A client: sends both requests, then receives the two replies addressed to its pid.</summary>
    private static int Client(uint delay, string word, string numbers)
    {
        if (sleep(delay) != 0) return 1;
        int qid = msgget(ServerKey, 0);
        if (qid == -1)
        {
            perror("client msgget");
            return 1;
        }

        int me = getpid();
        var upper = Request(ReqUpper, me, word, out var upperSize);
        var sum = Request(ReqSum, me, numbers, out var sumSize);
        if (!Send(qid, upper, upperSize) || !Send(qid, sum, sumSize)) return 1;

        // UPPER is served before SUM (lower type first), so the replies come in that order.
        var reply = new MsgBuf();
        reply.mtext = new byte[MsgCapacity];
        var expected = new[] { word.ToUpperInvariant(), Sum(numbers) };
        foreach (var want in expected)
        {
            var n = Receive(qid, reply, me);
            if (n == -1) return 1;
            var got = Encoding.UTF8.GetString(reply.mtext, 0, (int)n);
            if (got != want)
            {
                eputs($"client {me}: expected \"{want}\", got \"{got}\"");
                return 1;
            }
        }

        return 0;
    }

    /// <summary>The server: serves requests, lowest type first, until a STOP.</summary>
    private static int ServerLoop(int qid)
    {
        var request = new MsgBuf(0, MsgCapacity);
        var served = 0;
        while (true)
        {
            var n = Receive(qid, request, -ReqStop);
            if (n == -1) return 1;
            if (n < PidBytes)
            {
                puts($"server: a {n}-byte message is too short for a request; dropped");
                continue;
            }

            int client = BinaryPrimitives.ReadInt32LittleEndian(request.mtext);
            var text = Encoding.UTF8.GetString(request.mtext, PidBytes, (int)n - PidBytes);
            if (request.mtype == ReqStop)
            {
                puts($"server: STOP from pid {client} after {served} requests; exiting");
                return 0;
            }

            var answer = request.mtype == ReqUpper ? text.ToUpperInvariant() : Sum(text);
            var kind = request.mtype == ReqUpper ? "UPPER" : "SUM  ";
            puts($"server: {kind} from pid {client}: \"{text}\" -> \"{answer}\" (reply mtype {client})");
            var reply = new MsgBuf(client, MsgCapacity);
            var size = Encoding.UTF8.GetBytes(answer, reply.mtext);
            if (!Send(qid, reply, size)) return 1;
            served++;
        }
    }

    /// <summary>A request: the client's pid, then the text; <paramref name="size"/> is what msgsnd should send.</summary>
    private static MsgBuf Request(long type, int pid, string text, out int size)
    {
        var msg = new MsgBuf(type, MsgCapacity);
        BinaryPrimitives.WriteInt32LittleEndian(msg.mtext, pid);
        size = PidBytes + Encoding.UTF8.GetBytes(text, msg.mtext.AsSpan(PidBytes, MaxText));
        return msg;
    }

    /// <summary>msgsnd of the first <paramref name="size"/> bytes of mtext (mtype is not counted).</summary>
    private static bool Send(int qid, MsgBuf msg, int size)
    {
        int r;
        do
        {
            r = msgsnd(qid, msg, size, 0);
        }
        while (r == -1 && errno == EINTR);

        if (r == -1) perror("msgsnd");
        return r != -1;
    }

    /// <summary>msgrcv into the whole of mtext: the number of bytes received, or -1.</summary>
    private static long Receive(int qid, MsgBuf msg, long type)
    {
        long n;
        do
        {
            n = msgrcv(qid, msg, msg.mtext.Length, type, 0);
        }
        while (n == -1 && errno == EINTR);

        if (n == -1) perror("msgrcv");
        return n;
    }

    private static string Sum(string numbers) =>
        numbers.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Sum(s => long.Parse(s, CultureInfo.InvariantCulture))
            .ToString(CultureInfo.InvariantCulture);

    private static bool WaitFor(int pid, out int wstatus)
    {
        int r;
        do
        {
            r = waitpid(pid, out wstatus, 0);
        }
        while (r == -1 && errno == EINTR);

        if (r == -1) perror("waitpid");
        return r != -1;
    }

    private static bool Report(string who, int wstatus)
    {
        if (WIFEXITED(wstatus))
        {
            puts($"{who} exited with status {WEXITSTATUS(wstatus)}");
            return WEXITSTATUS(wstatus) == 0;
        }

        puts($"{who} was killed by signal {WTERMSIG(wstatus)}");
        return false;
    }
}
