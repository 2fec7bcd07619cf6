using System.Diagnostics;
using static IpcBench.Runtime.NativeIpc;

namespace IpcBench.Runtime;

/// <summary>
/// The four operations on the real kernel. fork is not safe in a .NET process, so the second
/// party is a second thread of this process: the kernel objects and the blocking are the same.
/// Each returns the seconds its measured loop took.
/// </summary>
internal static unsafe class RealKernel
{
    internal static double SemPingPong(int rounds)
    {
        var sem = (int)Ok(semget(IPC_PRIVATE, 2, IPC_CREAT | Mode0600), "semget");
        try
        {
            var peer = new Thread(() =>
            {
                for (var i = 0; i < rounds; i++)
                {
                    Change(sem, 0, -1);
                    Change(sem, 1, 1);
                }
            });
            peer.Start();
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < rounds; i++)
            {
                Change(sem, 0, 1);
                Change(sem, 1, -1);
            }

            sw.Stop();
            peer.Join();
            return sw.Elapsed.TotalSeconds;
        }
        finally
        {
            _ = semctl(sem, 0, IPC_RMID, 0);
        }
    }

    private static void Change(int sem, ushort num, short delta)
    {
        var op = new SemBuf(num, delta, 0);
        while (semop(sem, &op, 1) == -1)
        {
            if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != EINTR) Ok(-1, "semop");
        }
    }

    internal static double MessageThroughput(int messages, int size)
    {
        var q = (int)Ok(msgget(IPC_PRIVATE, IPC_CREAT | Mode0600), "msgget");
        try
        {
            var sender = new Thread(() =>
            {
                var buf = stackalloc byte[8 + size];
                *(long*)buf = 1;
                for (var i = 0; i < messages; i++) Ok(msgsnd(q, buf, (nuint)size, 0), "msgsnd");
            });
            var sw = Stopwatch.StartNew();
            sender.Start();
            var rbuf = stackalloc byte[8 + size];
            for (var i = 0; i < messages; i++) Ok(msgrcv(q, rbuf, (nuint)size, 0, 0), "msgrcv");
            sw.Stop();
            sender.Join();
            return sw.Elapsed.TotalSeconds;
        }
        finally
        {
            _ = msgctl(q, IPC_RMID, 0);
        }
    }

    internal static double PipeThroughput(int writes, int size)
    {
        var fds = stackalloc int[2];
        Ok(pipe(fds), "pipe");
        int rd = fds[0], wr = fds[1];
        var writer = new Thread(() =>
        {
            var data = new byte[size];
            fixed (byte* p = data)
            {
                for (var i = 0; i < writes; i++)
                {
                    long off = 0;
                    while (off < size) off += Ok(write(wr, p + off, (nuint)(size - off)), "write");
                }
            }

            _ = close(wr);
        });
        var sw = Stopwatch.StartNew();
        writer.Start();
        var buf = new byte[size];
        long total = 0;
        fixed (byte* p = buf)
        {
            long n;
            while ((n = Ok(read(rd, p, (nuint)size), "read")) > 0) total += n;
        }

        sw.Stop();
        writer.Join();
        _ = close(rd);
        if (total != (long)writes * size) throw new InvalidOperationException($"pipe moved {total} bytes");
        return sw.Elapsed.TotalSeconds;
    }

    internal static double ShmCycles(int cycles)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < cycles; i++)
        {
            var id = (int)Ok(shmget(IPC_PRIVATE, 4096, IPC_CREAT | Mode0600), "shmget");
            var addr = shmat(id, 0, 0);
            if (addr == -1) Ok(-1, "shmat");
            Ok(shmdt(addr), "shmdt");
            Ok(shmctl(id, IPC_RMID, 0), "shmctl");
        }

        return sw.Elapsed.TotalSeconds;
    }
}
