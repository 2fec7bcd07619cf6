using System.Text;

namespace IpcSamples;

/// <summary>
/// Signals and blocking calls, in three acts.
/// <list type="number">
/// <item>alarm(1) interrupts a semop that waits for a child: semop fails with EINTR, and the
/// retry loop simply calls it again until the child's V arrives.</item>
/// <item>SA_RESTART: the kernel restarts an interrupted pipe read by itself, but never a
/// System V call (signal(7)): msgrcv still fails with EINTR, so it needs the loop anyway.</item>
/// <item>kill(SIGTERM) asks a worker blocked in msgrcv to stop: its handler only sets a flag,
/// the interrupted msgrcv returns EINTR, and the worker's loop sees the flag and exits cleanly.</item>
/// </list>
/// Handlers are installed with sigaction, not signal(), and only set a flag (anything else, even
/// printing, is not async-signal-safe). The virtual clock makes every "second" instant and exact.
/// </summary>
public static class SignalRetry
{
    private const int Jobs = 3;

    // One simulated process is one thread, so a thread-static field is each process's own global,
    // as a C global is after fork (the managed heap itself is shared). volatile: C's volatile sig_atomic_t.
    [ThreadStatic] private static volatile int alarmFired;
    [ThreadStatic] private static volatile int stopRequested;

    public static int Run(Shell shell)
    {
        ArgumentNullException.ThrowIfNull(shell);
        puts("Signals: alarm and kill interrupt blocking calls; the EINTR retry loop handles it.");

        int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
        if (semid == -1)
        {
            perror("semget");
            return 1;
        }

        int status;
        try
        {
            status = WithQueue(shell, semid);
        }
        finally
        {
            if (semctl(semid, 0, IPC_RMID) == -1) perror("semctl IPC_RMID");
        }

        shell.Ipcs("the semaphore set and the queue are removed");
        return status;
    }

    private static int WithQueue(Shell shell, int semid)
    {
        int qid = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR);
        if (qid == -1)
        {
            perror("msgget");
            return 1;
        }

        try
        {
            shell.Ipcs("a semaphore (value 0) and a message queue for the three acts");
            puts("");
            if (AlarmInterruptsSemop(semid) != 0) return 1;
            puts("");
            if (SaRestart(qid) != 0) return 1;
            puts("");
            return KillStopsWorker(qid);
        }
        finally
        {
            if (msgctl(qid, IPC_RMID, null) == -1) perror("msgctl IPC_RMID");
        }
    }

    // ---- Act 1: alarm interrupts semop ----

    private static int AlarmInterruptsSemop(int semid)
    {
        puts("1. alarm(1) interrupts semop; the loop retries until the child's V at 2.5 s");
        if (InstallHandler(SIGALRM, OnAlarm, 0) == -1) return 1;

        int child = fork(() =>
        {
            if (usleep(2_500_000) == -1) return 1;
            puts("   child:  V at 2.5 s");
            var v = new[] { new Sembuf(0, 1, 0) };
            if (semop(semid, v, 1) == -1)
            {
                perror("child semop V");
                return 1;
            }

            return 0;
        });
        if (child == -1)
        {
            perror("fork");
            return 1;
        }

        alarm(1);
        var p = new[] { new Sembuf(0, -1, 0) };
        var interrupted = 0;
        int r;
        while ((r = semop(semid, p, 1)) == -1 && errno == EINTR)
        {
            interrupted++;
            if (alarmFired != 0)
            {
                alarmFired = 0;
                puts($"   parent: semop failed with EINTR (SIGALRM #{interrupted}); retrying");
                alarm(1);
            }
        }

        // No more ticks: a pending alarm would interrupt whatever comes next.
        alarm(0);
        if (r == -1)
        {
            perror("semop P");
            return 1;
        }

        puts($"   parent: semop succeeded after {interrupted} interruptions");
        return WaitChild(child, "child");
    }

    // ---- Act 2: SA_RESTART restarts read, not msgrcv ----

    private static int SaRestart(int qid)
    {
        puts("2. with SA_RESTART, a pipe read is restarted by the kernel; msgrcv never is");
        if (InstallHandler(SIGALRM, OnAlarm, SA_RESTART) == -1) return 1;

        var fds = new int[2];
        if (pipe(fds) == -1)
        {
            perror("pipe");
            return 1;
        }

        int readEnd = fds[0];
        int writeEnd = fds[1];
        int writer = fork(() => PipeWriter(readEnd, writeEnd, qid));
        if (writer == -1)
        {
            perror("fork");
            _ = close(readEnd);
            _ = close(writeEnd);
            return 1;
        }

        if (close(writeEnd) == -1) perror("close write end");

        alarm(1);
        var buf = new byte[1];
        var eintr = 0;
        long n;
        while ((n = read(readEnd, buf, buf.Length)) == -1 && errno == EINTR) eintr++;
        if (n == -1) perror("read");
        if (close(readEnd) == -1) perror("close read end");
        if (n != 1) return 1;
        puts($"   parent: read returned 1 byte at 2 s; the handler ran at 1 s (flag {alarmFired}), read saw EINTR {eintr} times");
        alarmFired = 0;

        alarm(1);
        var msg = new MsgBuf(0, 16);
        eintr = 0;
        long got;
        while ((got = msgrcv(qid, msg, msg.mtext.Length, 0, 0)) == -1 && errno == EINTR)
        {
            eintr++;
            puts("   parent: msgrcv failed with EINTR although SA_RESTART is set; retrying");
        }

        alarm(0);
        alarmFired = 0;
        if (got == -1)
        {
            perror("msgrcv");
            return 1;
        }

        puts($"   parent: msgrcv returned \"{Encoding.UTF8.GetString(msg.mtext, 0, (int)got)}\" after {eintr} EINTR");
        return WaitChild(writer, "writer");
    }

    /// <summary>Writes one byte into the pipe at 2 s, then sends a message at 4 s (seconds from the act's start).</summary>
    private static int PipeWriter(int readEnd, int writeEnd, int qid)
    {
        if (close(readEnd) == -1)
        {
            perror("writer: close read end");
            return 1;
        }

        var ok = sleep(2) == 0;
        long n = -1;
        if (ok)
        {
            var one = "!"u8.ToArray();
            while ((n = write(writeEnd, one, one.Length)) == -1 && errno == EINTR)
            {
                // interrupted before anything was written: write again
            }

            if (n == -1) perror("writer: write");
        }

        if (close(writeEnd) == -1) perror("writer: close write end");
        // At 4 s: after the parent's next alarm (3 s), never at the same instant.
        if (n != 1 || sleep(2) != 0) return 1;

        var msg = new MsgBuf(1, 16);
        var size = Encoding.UTF8.GetBytes("done", msg.mtext);
        int r;
        while ((r = msgsnd(qid, msg, size, 0)) == -1 && errno == EINTR)
        {
            // interrupted while the queue was full: send again
        }

        if (r == -1)
        {
            perror("writer: msgsnd");
            return 1;
        }

        return 0;
    }

    // ---- Act 3: kill asks a worker to stop ----

    private static int KillStopsWorker(int qid)
    {
        puts($"3. kill(SIGTERM) stops a worker blocked in msgrcv, after it has done {Jobs} jobs");
        int worker = fork(() => Worker(qid));
        if (worker == -1)
        {
            perror("fork");
            return 1;
        }

        for (var job = 1; job <= Jobs; job++)
        {
            var msg = new MsgBuf(1, 16);
            var size = Encoding.UTF8.GetBytes($"job {job}", msg.mtext);
            int r;
            while ((r = msgsnd(qid, msg, size, 0)) == -1 && errno == EINTR)
            {
                // interrupted while the queue was full: send again
            }

            if (r == -1)
            {
                perror("msgsnd");
                _ = kill(worker, SIGKILL);
                return 1;
            }
        }

        // Let the worker drain the queue and block again (the clock moves once everyone waits).
        if (sleep(1) != 0) return 1;
        if (kill(worker, SIGTERM) == -1)
        {
            perror("kill");
            return 1;
        }

        return WaitChild(worker, "worker");
    }

    private static int Worker(int qid)
    {
        if (InstallHandler(SIGTERM, OnTerm, 0) == -1) return 1;
        var msg = new MsgBuf(0, 16);
        while (stopRequested == 0)
        {
            var n = msgrcv(qid, msg, msg.mtext.Length, 0, 0);
            if (n == -1)
            {
                if (errno == EINTR) continue; // the loop condition decides: stop, or wait again
                perror("worker: msgrcv");
                return 1;
            }

            puts($"   worker: {Encoding.UTF8.GetString(msg.mtext, 0, (int)n)}");
        }

        puts("   worker: SIGTERM interrupted msgrcv (EINTR); finishing cleanly");
        return 0;
    }

    // ---- Handlers and helpers ----

    /// <summary>SIGALRM: only records that it came (async-signal-safe).</summary>
    private static void OnAlarm(int sig) => alarmFired = 1;

    /// <summary>SIGTERM: only asks the main loop to stop (async-signal-safe).</summary>
    private static void OnTerm(int sig) => stopRequested = 1;

    private static int InstallHandler(int sig, Action<int> handler, int flags)
    {
        var act = new SigAction { sa_handler = handler, sa_flags = flags };
        if (sigemptyset(act.sa_mask) == -1 || sigaction(sig, act, null) == -1)
        {
            perror("sigaction");
            return -1;
        }

        return 0;
    }

    private static int WaitChild(int pid, string who)
    {
        int wstatus;
        int r;
        while ((r = waitpid(pid, out wstatus, 0)) == -1 && errno == EINTR)
        {
            // a handler ran while we waited: wait again
        }

        if (r == -1)
        {
            perror("waitpid");
            return 1;
        }

        if (WIFSIGNALED(wstatus))
        {
            puts($"   {who} was killed by signal {WTERMSIG(wstatus)}");
            return 1;
        }

        puts($"   {who} exited with status {WEXITSTATUS(wstatus)}");
        return WEXITSTATUS(wstatus);
    }
}
