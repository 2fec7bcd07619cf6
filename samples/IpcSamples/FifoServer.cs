using System.Text;

namespace IpcSamples;

/// <summary>
/// A FIFO server: mkfifo makes a named pipe that unrelated processes open by path. Several
/// clients write fixed-size requests into it; each request is at most PIPE_BUF bytes, so each
/// write is atomic and requests from different writers never interleave. The server keeps a
/// write end of its own open, or it would read end of file whenever no client happens to have
/// the FIFO open; when it has every request it closes that end, reads the end of file, and
/// unlinks the FIFO. Client k starts at second k, so the transcript has one order.
/// </summary>
public static class FifoServer
{
    /// <summary>A relative path: the FIFO exists only in the simulated file system, in the current directory.</summary>
    private const string ServerFifo = "ipc-samples-server.fifo";
    private const int RecordSize = 48;
    private const int Clients = 3;
    private const int RequestsPerClient = 2;

    public static int Run(Shell shell)
    {
        ArgumentNullException.ThrowIfNull(shell);
        puts($"FIFO server: {Clients} clients write {RequestsPerClient} requests of {RecordSize} bytes each into \"{ServerFifo}\".");

        if (mkfifo(ServerFifo, S_IRUSR | S_IWUSR) == -1)
        {
            perror("mkfifo");
            return 1;
        }

        int status;
        try
        {
            status = Serve();
        }
        finally
        {
            // The FIFO is a name in the file system: it stays until it is unlinked.
            if (unlink(ServerFifo) == -1) perror("unlink");
        }

        puts($"server: unlinked \"{ServerFifo}\"");
        shell.Ipcs("a FIFO lives in the file system, not in the IPC namespace: the tables are empty");
        return status;
    }

    private static int Serve()
    {
        var clients = new int[Clients];
        for (var k = 0; k < Clients; k++)
        {
            var number = k + 1;
            clients[k] = fork(() => Client(number));
            if (clients[k] == -1)
            {
                perror("fork");
                return 1;
            }
        }

        // open(O_RDONLY) blocks until a writer opens the FIFO (client 1, at second 1).
        int fd = OpenRetrying(ServerFifo, O_RDONLY);
        if (fd == -1) return 1;
        puts("server: a client opened the FIFO; reading requests");

        var ok = ReadRequests(fd);
        if (close(fd) == -1)
        {
            perror("close");
            ok = false;
        }

        for (var k = 0; k < Clients; k++)
        {
            int wstatus;
            int r;
            do
            {
                r = waitpid(clients[k], out wstatus, 0);
            }
            while (r == -1 && errno == EINTR);

            if (r == -1)
            {
                perror("waitpid");
                return 1;
            }

            puts($"client {k + 1} exited with status {(WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1)}");
            ok &= WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
        }

        return ok ? 0 : 1;
    }

    private static bool ReadRequests(int fd)
    {
        // Our own write end: without it, read returns 0 between one client's close and the next one's open.
        int keepOpen = OpenRetrying(ServerFifo, O_WRONLY);
        if (keepOpen == -1) return false;

        var record = new byte[RecordSize];
        for (var received = 0; received < Clients * RequestsPerClient; received++)
        {
            var n = ReadFull(fd, record);
            if (n != RecordSize)
            {
                if (n != -1) eputs($"server: short request ({n} bytes)");
                _ = close(keepOpen);
                return false;
            }

            var text = Encoding.UTF8.GetString(record).TrimEnd('\0');
            puts($"server: request {received + 1}: \"{text}\"");
        }

        // Every request is in. Once our write end is closed, the next read sees end of file.
        if (close(keepOpen) == -1)
        {
            perror("close");
            return false;
        }

        var eof = ReadFull(fd, record);
        if (eof != 0)
        {
            if (eof != -1) eputs("server: more data than expected");
            return false;
        }

        puts("server: end of file: every client has closed its end");
        return true;
    }

    /// <summary>A client: opens the FIFO by name, writes its requests, closes it.</summary>
    private static int Client(int number)
    {
        if (sleep((uint)number) != 0) return 1;
        int fd = OpenRetrying(ServerFifo, O_WRONLY);
        if (fd == -1) return 1;

        var ok = true;
        for (var i = 1; i <= RequestsPerClient && ok; i++)
        {
            // One write of at most PIPE_BUF bytes: atomic, never mixed with another client's.
            var record = new byte[RecordSize];
            Encoding.UTF8.GetBytes($"client {number} (pid {getpid()}), request {i}", record);
            long n;
            do
            {
                n = write(fd, record, record.Length);
            }
            while (n == -1 && errno == EINTR);

            if (n == -1) perror("client write");
            ok = n == RecordSize;
        }

        if (close(fd) == -1)
        {
            perror("client close");
            return 1;
        }

        return ok ? 0 : 1;
    }

    /// <summary>open(2) of a FIFO blocks until the other side opens it; a signal only makes it try again.</summary>
    private static int OpenRetrying(string path, int flags)
    {
        int fd;
        do
        {
            fd = open(path, flags);
        }
        while (fd == -1 && errno == EINTR);

        if (fd == -1) perror("open " + path);
        return fd;
    }

    /// <summary>Reads until <paramref name="buf"/> is full or end of file: the bytes read, or -1.</summary>
    private static long ReadFull(int fd, byte[] buf)
    {
        var done = 0;
        while (done < buf.Length)
        {
            var chunk = new byte[buf.Length - done];
            long n;
            do
            {
                n = read(fd, chunk, chunk.Length);
            }
            while (n == -1 && errno == EINTR);

            if (n == -1)
            {
                perror("read");
                return -1;
            }

            if (n == 0) break;
            Array.Copy(chunk, 0, buf, done, n);
            done += (int)n;
        }

        return done;
    }
}
