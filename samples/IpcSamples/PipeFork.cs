using System.Text;

namespace IpcSamples;

/// <summary>
/// The parent writes lines into a pipe and the child reads them until end of file. End of file
/// comes only when every write end is closed: the child closes its inherited copy of the write
/// end at once, and the parent closes the read end it does not use (or a child that died would
/// leave the parent's writes hanging instead of failing with EPIPE). A pipe is not a System V
/// object: ipcs has nothing to show for it.
/// </summary>
public static class PipeFork
{
    private static readonly string[] Lines =
    [
        "a pipe is a byte stream with a buffer in the kernel",
        "read blocks while it is empty and a writer is left",
        "and returns 0 (end of file) once every write end is closed",
    ];

    public static int Run(Shell shell)
    {
        ArgumentNullException.ThrowIfNull(shell);
        puts("Pipe and fork: the parent writes three lines, the child reads until end of file.");

        var fds = new int[2];
        if (pipe(fds) == -1)
        {
            perror("pipe");
            return 1;
        }

        int readEnd = fds[0];
        int writeEnd = fds[1];
        int pid = fork(() => Child(readEnd, writeEnd));
        if (pid == -1)
        {
            perror("fork");
            if (close(readEnd) == -1) perror("close");
            if (close(writeEnd) == -1) perror("close");
            return 1;
        }

        // The parent only writes: close the read end.
        if (close(readEnd) == -1) perror("close read end");

        // Only the child prints while it runs; the parent reports after waitpid.
        var sent = 0L;
        var ok = true;
        foreach (var line in Lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            if (!WriteAll(writeEnd, bytes))
            {
                ok = false;
                break;
            }

            sent += bytes.Length;
        }

        // Closing the last write end is what lets the child's read return 0.
        if (close(writeEnd) == -1)
        {
            perror("close write end");
            ok = false;
        }

        int wstatus;
        int r;
        do
        {
            r = waitpid(pid, out wstatus, 0);
        }
        while (r == -1 && errno == EINTR);

        if (r == -1)
        {
            perror("waitpid");
            return 1;
        }

        puts($"parent: wrote {sent} bytes; the child exited with status {(WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1)}");
        shell.Ipcs("a pipe is not a System V object: the tables are empty");
        return ok && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 ? 0 : 1;
    }

    /// <summary>The child: reads until end of file and prints each complete line it gets.</summary>
    private static int Child(int readEnd, int writeEnd)
    {
        // The child only reads: close its copy of the write end, or read would never see end of file.
        if (close(writeEnd) == -1)
        {
            perror("child: close write end");
            return 1;
        }

        var buf = new byte[16];
        var pending = new List<byte>();
        var lines = 0;
        var total = 0L;
        while (true)
        {
            long n;
            do
            {
                n = read(readEnd, buf, buf.Length);
            }
            while (n == -1 && errno == EINTR);

            if (n == -1)
            {
                perror("child: read");
                _ = close(readEnd);
                return 1;
            }

            if (n == 0) break;
            total += n;
            pending.AddRange(buf.AsSpan(0, (int)n));

            // A read returns what the pipe holds, not whole lines: print each line once it is complete.
            int newline;
            while ((newline = pending.IndexOf((byte)'\n')) != -1)
            {
                puts($"child:  \"{Encoding.UTF8.GetString(pending.GetRange(0, newline).ToArray())}\"");
                pending.RemoveRange(0, newline + 1);
                lines++;
            }
        }

        puts($"child:  end of file after {lines} lines, {total} bytes");
        if (close(readEnd) == -1)
        {
            perror("child: close read end");
            return 1;
        }

        return pending.Count == 0 ? 0 : 1;
    }

    /// <summary>write(2) until every byte is out: a pipe may take a large write in parts.</summary>
    private static bool WriteAll(int fd, byte[] bytes)
    {
        var done = 0;
        while (done < bytes.Length)
        {
            var rest = bytes[done..];
            long n;
            do
            {
                n = write(fd, rest, rest.Length);
            }
            while (n == -1 && errno == EINTR);

            if (n == -1)
            {
                perror("write");
                return false;
            }

            done += (int)n;
        }

        return true;
    }
}
