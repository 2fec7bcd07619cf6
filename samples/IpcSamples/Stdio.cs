using System.Text;

namespace IpcSamples;

/// <summary>
/// The samples' stdio: text goes out through write(2) on descriptor 1, so it lands in the
/// kernel's stdout (the console, or a test's transcript), one write per call. A C program
/// would use printf; this is its careful core: a loop over short writes and EINTR.
/// </summary>
public static class Stdio
{
    private const int StdoutFileno = 1;
    private const int StderrFileno = 2;

    /// <summary>puts(3): the line and a newline, in one write.</summary>
    public static void puts(string line) => WriteAll(StdoutFileno, line + "\n");

    /// <summary>fprintf(stderr, "%s\n", line): a message that is not about a failed call (perror is for those).</summary>
    public static void eputs(string line) => WriteAll(StderrFileno, line + "\n");

    /// <summary>fputs(3) to stdout: the text as it is.</summary>
    public static void fputs(string text) => WriteAll(StdoutFileno, text);

    private static void WriteAll(int fd, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var done = 0;
        while (done < bytes.Length)
        {
            var rest = done == 0 ? bytes : bytes[done..];
            long n;
            do
            {
                n = write(fd, rest, rest.Length);
            }
            while (n == -1 && errno == EINTR);

            // stdout itself failed: there is nowhere left to report it.
            if (n == -1) return;
            done += (int)n;
        }
    }
}
