namespace IpcBench.CodeGen;

/// <summary>
/// Dense System V IPC code in the styles the analyzer tests know: inline checks, helpers that
/// check, disposable wrappers, EINTR loops, try/finally shmdt, P/V helpers, message loops, pipes
/// after fork, sigaction handlers, libc externs. About one unit in ten holds a classic mistake.
/// </summary>
internal static class IpcUnits
{
    internal static readonly Func<int, Random, string>[] All =
    [
        InlineChecks, CheckingHelpers, SharedSegment, EintrLoops, TryFinallyDetach,
        SemaphoreLock, MessageLoop, PipeAfterFork, SignalHandlers, ProducerConsumer, NativeExterns,
    ];

    internal static string Header(int file) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Runtime.InteropServices;
        using System.Text;
        using IpcSim;
        using static IpcSim.Libc;

        namespace Generated.Ipc.M{{file}};

        """;

    private static bool Mistake(Random r) => r.Next(10) == 0;

    private static string InlineChecks(int i, Random r)
    {
        var bad = Mistake(r);
        var detach = bad ? "shmdt(addr);" : "if (shmdt(addr) == -1) perror(\"shmdt\");";
        var mode = bad && r.Next(2) == 0 ? "0666" : "S_IRUSR | S_IWUSR";
        return $$"""

            internal static class InlineChecks{{i}}
            {
                internal static int Run(string path)
                {
                    int key = ftok(path, '{{(char)('A' + (i % 26))}}');
                    if (key == -1) { perror("ftok"); return 1; }
                    int shmid = shmget(key, {{4096 * (1 + r.Next(4))}}, IPC_CREAT | {{mode}});
                    if (shmid == -1) { perror("shmget"); return 1; }
                    nint addr = shmat(shmid, 0, 0);
                    if (addr == -1)
                    {
                        perror("shmat");
                        _ = shmctl(shmid, IPC_RMID, null);
                        return 1;
                    }

                    Mem.Write<int>(addr, {{r.Next(1000)}});
                    Mem.WriteString(addr + 8, "ready");
                    {{detach}}
                    if (shmctl(shmid, IPC_RMID, null) == -1) { perror("shmctl"); return 1; }
                    return 0;
                }

                internal static int Stat(int shmid, out long size)
                {
                    size = 0;
                    var ds = new ShmidDs();
                    if (shmctl(shmid, IPC_STAT, ds) < 0) return -1;
                    size = ds.shm_segsz;
                    return (int)ds.shm_nattch;
                }
            }

            """;
    }

    private static string CheckingHelpers(int i, Random r)
    {
        var bad = Mistake(r);
        var attachTest = bad ? "if (addr == 0)" : "if (addr == (nint)(-1))";
        return $$"""

            internal sealed class IpcException{{i}} : Exception
            {
                public IpcException{{i}}(string call, int error) : base(call + ": " + strerror(error)) => Errno = error;

                public int Errno { get; }
            }

            internal static class Checked{{i}}
            {
                internal static int Check(int result, string call)
                {
                    if (result == -1) throw new IpcException{{i}}(call, errno);
                    return result;
                }

                internal static bool TryAttach(int shmid, out nint addr)
                {
                    addr = shmat(shmid, 0, 0);
                    {{attachTest}}
                    {
                        perror("shmat");
                        return false;
                    }

                    return true;
                }

                internal static int Publish(int key, int value)
                {
                    int shmid = Check(shmget(key, {{1024 * (1 + r.Next(8))}}, IPC_CREAT | 0b110_000_000), "shmget");
                    if (!TryAttach(shmid, out var addr)) return -1;
                    try
                    {
                        Mem.Write<int>(addr, value);
                    }
                    finally
                    {
                        Check(shmdt(addr), "shmdt");
                    }

                    return shmid;
                }

                internal static void Remove(int shmid) => Check(shmctl(shmid, IPC_RMID, null), "shmctl");
            }

            """;
    }

    private static string SharedSegment(int i, Random r)
    {
        var bad = Mistake(r);
        var removal = bad ? "" : """
                    if (shmctl(shmid, IPC_RMID, null) == -1) perror("shmctl(IPC_RMID)");
            """;
        return $$"""

            internal sealed class SharedSegment{{i}} : IDisposable
            {
                private readonly int shmid;
                private nint addr;

                public SharedSegment{{i}}(long size)
                {
                    shmid = shmget(IPC_PRIVATE, size, IPC_CREAT | S_IRUSR | S_IWUSR);
                    if (shmid == -1) throw new InvalidOperationException("shmget: " + strerror(errno));
                    addr = shmat(shmid, 0, 0);
                    if (addr == -1)
                    {
                        var e = errno;
                        _ = shmctl(shmid, IPC_RMID, null);
                        throw new InvalidOperationException("shmat: " + strerror(e));
                    }
                }

                public int Id => shmid;

                public int this[int index]
                {
                    get => Mem.Read<int>(addr + (index * sizeof(int)));
                    set => Mem.Write<int>(addr + (index * sizeof(int)), value);
                }

                public void Dispose()
                {
                    if (addr == 0) return;
                    if (shmdt(addr) == -1) perror("shmdt");
                    addr = 0;
            {{removal}}
                }
            }

            internal static class SegmentUser{{i}}
            {
                internal static int Sum(int count)
                {
                    using var segment = new SharedSegment{{i}}(count * sizeof(int));
                    for (var k = 0; k < count; k++) segment[k] = k * {{1 + r.Next(9)}};
                    var sum = 0;
                    for (var k = 0; k < count; k++) sum += segment[k];
                    return sum;
                }
            }

            """;
    }

    private static string EintrLoops(int i, Random r)
    {
        var bad = Mistake(r);
        var receive = bad
            ? "long n = msgrcv(msqid, msg, msg.mtext.Length, 0, 0);"
            : """
                    long n;
                    do
                    {
                        n = msgrcv(msqid, msg, msg.mtext.Length, 0, 0);
                    }
                    while (n == -1 && errno == EINTR);
            """;
        return $$"""

            internal static class Eintr{{i}}
            {
                private static readonly Sembuf[] Down = [new Sembuf(0, -1, SEM_UNDO)];

                internal static int P(int semid)
                {
                    int r;
                    do
                    {
                        r = semop(semid, Down, 1);
                    }
                    while (r == -1 && errno == EINTR);
                    return r;
                }

                internal static long Receive(int msqid, MsgBuf msg)
                {
            {{receive}}
                    if (n == -1) perror("msgrcv");
                    return n;
                }

                internal static int Reap(int pid)
                {
                    for (;;)
                    {
                        int r = waitpid(pid, out var status, 0);
                        if (r != -1) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                        switch (errno)
                        {
                            case EINTR:
                                continue;
                            case ECHILD:
                                return -1;
                            default:
                                perror("waitpid");
                                return -1;
                        }
                    }
                }

                internal static int Retry(Func<int> call)
                {
                    int r;
                    while ((r = call()) == -1 && errno == EINTR)
                    {
                    }

                    return r;
                }

                internal static int V(int semid) => Retry(() => semop(semid, [new Sembuf(0, 1, SEM_UNDO)], 1));
            }

            """;
    }

    private static string TryFinallyDetach(int i, Random r)
    {
        var bad = Mistake(r);
        var early = bad ? "if (Mem.Read<int>(addr) == 0) return 0;" : "";
        return $$"""

            internal static class Snapshot{{i}}
            {
                internal static int Copy(int shmid, byte[] into)
                {
                    nint addr = shmat(shmid, 0, SHM_RDONLY);
                    if (addr == -1) return -1;
                    {{early}}
                    try
                    {
                        Mem.ReadBytes(addr, into);
                        return into.Length;
                    }
                    finally
                    {
                        if (shmdt(addr) == -1) perror("shmdt");
                    }
                }

                internal static string? Label(int shmid)
                {
                    nint addr = shmat(shmid, 0, SHM_RDONLY);
                    if (addr == (nint)(-1)) return null;
                    try
                    {
                        return Mem.ReadString(addr + {{8 * r.Next(1, 8)}});
                    }
                    finally
                    {
                        _ = shmdt(addr);
                    }
                }
            }

            """;
    }

    private static string SemaphoreLock(int i, Random r)
    {
        var bad = Mistake(r);
        var flags = bad ? "0" : "SEM_UNDO";
        return $$"""

            internal sealed class SemLock{{i}}
            {
                private readonly int semid;

                private SemLock{{i}}(int semid) => this.semid = semid;

                internal static SemLock{{i}}? Create(int key)
                {
                    int id = semget(key, 1, IPC_CREAT | IPC_EXCL | S_IRUSR | S_IWUSR);
                    if (id != -1)
                    {
                        if (semctl(id, 0, SETVAL, 1) == -1)
                        {
                            perror("semctl(SETVAL)");
                            _ = semctl(id, 0, IPC_RMID);
                            return null;
                        }

                        return new SemLock{{i}}(id);
                    }

                    if (errno != EEXIST) { perror("semget"); return null; }
                    id = semget(key, 1, 0);
                    return id == -1 ? null : new SemLock{{i}}(id);
                }

                internal void Lock()
                {
                    var down = new[] { new Sembuf(0, -1, {{flags}}) };
                    while (semop(semid, down, 1) == -1)
                    {
                        if (errno != EINTR) throw new InvalidOperationException("semop: " + strerror(errno));
                    }
                }

                internal void Unlock()
                {
                    var up = new[] { new Sembuf(0, 1, {{flags}}) };
                    if (semop(semid, up, 1) == -1) throw new InvalidOperationException("semop: " + strerror(errno));
                }

                internal int Increment(nint counter)
                {
                    Lock();
                    try
                    {
                        var value = Mem.Read<int>(counter) + {{1 + r.Next(3)}};
                        Mem.Write<int>(counter, value);
                        return value;
                    }
                    finally
                    {
                        Unlock();
                    }
                }

                internal void Remove()
                {
                    if (semctl(semid, 0, IPC_RMID) == -1) perror("semctl(IPC_RMID)");
                }
            }

            """;
    }

    private static string MessageLoop(int i, Random r)
    {
        var bad = Mistake(r);
        var size = bad ? "msg.mtext.Length + sizeof(long)" : "msg.mtext.Length";
        return $$"""

            internal static class Chat{{i}}
            {
                private const long Text = 1;
                private const long Done = 2;

                internal static int Run(IReadOnlyList<string> lines)
                {
                    int msqid = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
                    if (msqid == -1) { perror("msgget"); return 1; }
                    try
                    {
                        foreach (var line in lines)
                        {
                            var msg = new MsgBuf(Text, 64);
                            Encoding.UTF8.GetBytes(line, 0, Math.Min(line.Length, 60), msg.mtext, 0);
                            int s;
                            do
                            {
                                s = msgsnd(msqid, msg, {{size}}, 0);
                            }
                            while (s == -1 && errno == EINTR);
                            if (s == -1) { perror("msgsnd"); return 1; }
                        }

                        if (msgsnd(msqid, new MsgBuf(Done, 64), 0, IPC_NOWAIT) == -1) { perror("msgsnd"); return 1; }
                        return Drain(msqid);
                    }
                    finally
                    {
                        if (msgctl(msqid, IPC_RMID, null) == -1) perror("msgctl");
                    }
                }

                private static int Drain(int msqid)
                {
                    var msg = new MsgBuf(0, 64);
                    var count = 0;
                    for (;;)
                    {
                        long n = msgrcv(msqid, msg, msg.mtext.Length, 0, 0);
                        if (n == -1)
                        {
                            if (errno == EINTR) continue;
                            perror("msgrcv");
                            return -1;
                        }

                        if (msg.mtype == Done) return count;
                        count++;
                    }
                }
            }

            """;
    }

    private static string PipeAfterFork(int i, Random r)
    {
        var bad = Mistake(r);
        var childClose = bad ? "" : "if (close(fds[1]) == -1) return 1;";
        return $$"""

            internal static class PipeFork{{i}}
            {
                internal static int Run(byte[] payload)
                {
                    var fds = new int[2];
                    if (pipe(fds) == -1) { perror("pipe"); return 1; }
                    int pid = fork(() =>
                    {
                        {{childClose}}
                        var buf = new byte[{{256 << r.Next(4)}}];
                        long total = 0, n;
                        while ((n = read(fds[0], buf, buf.Length)) != 0)
                        {
                            if (n == -1)
                            {
                                if (errno == EINTR) continue;
                                return 2;
                            }

                            total += n;
                        }

                        _ = close(fds[0]);
                        return total == {{64}} ? 0 : 3;
                    });
                    if (pid == -1) { perror("fork"); return 1; }
                    if (close(fds[0]) == -1) perror("close");
                    long off = 0;
                    while (off < payload.Length)
                    {
                        long w = write(fds[1], payload, payload.Length);
                        if (w == -1)
                        {
                            if (errno == EINTR) continue;
                            perror("write");
                            break;
                        }

                        off += w;
                    }

                    if (close(fds[1]) == -1) perror("close");
                    int status, rc;
                    do
                    {
                        rc = waitpid(pid, out status, 0);
                    }
                    while (rc == -1 && errno == EINTR);
                    return rc == -1 ? 1 : WEXITSTATUS(status);
                }
            }

            """;
    }

    private static string SignalHandlers(int i, Random r)
    {
        var bad = Mistake(r);
        var install = bad
            ? "signal(SIGUSR1, sig => Console.WriteLine(\"got \" + sig));\n        return 0;"
            : """
            var act = new SigAction { sa_handler = OnSignal, sa_flags = SA_RESTART };
                    if (sigemptyset(act.sa_mask) == -1) return -1;
                    if (sigaction(SIGUSR1, act, null) == -1) { perror("sigaction"); return -1; }
                    return 0;
            """;
        return $$"""

            internal static class Signals{{i}}
            {
                private static volatile int received;

                private static void OnSignal(int sig) => received = sig;

                internal static int Install()
                {
                    {{install}}
                }

                internal static int BlockWhile(Action critical)
                {
                    var set = new SigSet();
                    var old = new SigSet();
                    if (sigemptyset(set) == -1 || sigaddset(set, SIGUSR{{1 + (i % 2)}}) == -1) return -1;
                    if (sigprocmask(SIG_BLOCK, set, old) == -1) { perror("sigprocmask"); return -1; }
                    try
                    {
                        critical();
                    }
                    finally
                    {
                        if (sigprocmask(SIG_SETMASK, old, null) == -1) perror("sigprocmask");
                    }

                    return received;
                }
            }

            """;
    }

    private static string ProducerConsumer(int i, Random r)
    {
        var bad = Mistake(r);
        var produce = bad
            ? "Mem.Write<int>(slot, value);"
            : """
            if (Change(semid, Empty, -1) == -1) return -1;
                        Mem.Write<int>(slot, value);
                        if (Change(semid, Full, 1) == -1) return -1;
            """;
        return $$"""

            internal static class Ring{{i}}
            {
                private const int Empty = 0;
                private const int Full = 1;

                private static int Change(int semid, int num, int delta)
                {
                    var op = new[] { new Sembuf(num, delta, 0) };
                    int r;
                    do
                    {
                        r = semop(semid, op, 1);
                    }
                    while (r == -1 && errno == EINTR);
                    return r;
                }

                internal static int Produce(int semid, nint slot, int value)
                {
                    {{produce}}
                    return 0;
                }

                internal static int Consume(int semid, nint slot, out int value)
                {
                    value = 0;
                    if (Change(semid, Full, -1) == -1) return -1;
                    value = Mem.Read<int>(slot);
                    return Change(semid, Empty, 1);
                }

                internal static int Setup(out int semid)
                {
                    semid = semget(IPC_PRIVATE, 2, IPC_CREAT | S_IRUSR | S_IWUSR);
                    if (semid == -1) return -1;
                    if (semctl(semid, 0, SETALL, new ushort[] { {{1 + r.Next(4)}}, 0 }) == -1)
                    {
                        _ = semctl(semid, 0, IPC_RMID);
                        return -1;
                    }

                    return 0;
                }
            }

            """;
    }

    private static string NativeExterns(int i, Random r)
    {
        var bad = Mistake(r);
        var detach = bad ? "shmdt(addr);" : "if (shmdt(addr) == -1) return Marshal.GetLastPInvokeError();";
        return $$"""

            internal static partial class Native{{i}}
            {
                [DllImport("libc", SetLastError = true)]
                private static extern int shmget(int key, nuint size, int shmflg);

                [DllImport("libc", SetLastError = true)]
                private static extern nint shmat(int shmid, nint shmaddr, int shmflg);

                [DllImport("libc", SetLastError = true)]
                private static extern int shmdt(nint shmaddr);

                [DllImport("libc", SetLastError = true)]
                private static extern int shmctl(int shmid, int cmd, nint buf);

                internal static int Touch(int size)
                {
                    int id = shmget(0, (nuint)size, 0x200 | 0x180);
                    if (id == -1) return Marshal.GetLastPInvokeError();
                    nint addr = shmat(id, 0, 0);
                    if (addr == -1)
                    {
                        _ = shmctl(id, 0, 0);
                        return Marshal.GetLastPInvokeError();
                    }

                    Marshal.WriteInt32(addr, {{r.Next(100)}});
                    {{detach}}
                    return shmctl(id, 0, 0) == -1 ? Marshal.GetLastPInvokeError() : 0;
                }
            }

            """;
    }
}
