using static IpcSim.Libc;

namespace Mistakes;

internal static class IPC014
{
    // The child never closes its copy of the write end, so its own read never sees end of file:
    // it waits forever for a writer that is itself.
    internal static int Spawn()
    {
        var fds = new int[2];
        if (pipe(fds) == -1) return -1;
        int pid = fork(() => // IPC014
        {
            var buf = new byte[64];
            long n;
            do
            {
                n = read(fds[0], buf, buf.Length);
            }
            while (n > 0 || (n == -1 && errno == EINTR));
            return 0;
        });
        if (pid == -1) return -1;
        _ = close(fds[0]);
        _ = close(fds[1]);
        int r;
        do
        {
            r = waitpid(pid, out _, 0);
        }
        while (r == -1 && errno == EINTR);
        return r;
    }
}
