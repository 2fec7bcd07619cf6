namespace IpcSamples;

/// <summary>
/// The bounded buffer: a ring of <see cref="Slots"/> ints in shared memory, guarded by three
/// semaphores. EMPTY counts free slots and FULL counts filled ones (signalling: the producer
/// P's EMPTY and V's FULL, the consumer the other way round), MUTEX guards the ring (a lock:
/// P and V by the same process, with SEM_UNDO so that a holder that dies releases it).
/// The child produces, the parent consumes and prints; only the parent prints while both run,
/// so the transcript has one order.
/// </summary>
public static class ProducerConsumer
{
    private const int Slots = 4;
    private const int Items = 10;
    private const int RingBytes = Slots * sizeof(int);

    // The semaphores of the set, by index.
    private const int Empty = 0;
    private const int Full = 1;
    private const int Mutex = 2;

    public static int Run(Shell shell)
    {
        ArgumentNullException.ThrowIfNull(shell);
        puts($"Producer/consumer: a ring of {Slots} slots in shared memory, {Items} items, semaphores EMPTY, FULL and MUTEX.");

        // IPC_PRIVATE: the child inherits the ids across fork, no key needed.
        int shmid = shmget(IPC_PRIVATE, RingBytes, IPC_CREAT | S_IRUSR | S_IWUSR);
        if (shmid == -1)
        {
            perror("shmget");
            return 1;
        }

        int status;
        try
        {
            status = WithSemaphores(shell, shmid);
        }
        finally
        {
            if (shmctl(shmid, IPC_RMID, null) == -1) perror("shmctl IPC_RMID");
        }

        shell.Ipcs("both objects removed: nothing is left behind");
        return status;
    }

    private static int WithSemaphores(Shell shell, int shmid)
    {
        int semid = semget(IPC_PRIVATE, 3, IPC_CREAT | S_IRUSR | S_IWUSR);
        if (semid == -1)
        {
            perror("semget");
            return 1;
        }

        try
        {
            // Nobody else can see a private set yet, so initialising it cannot race (no IPC_EXCL needed).
            if (semctl(semid, 0, SETALL, new ushort[] { Slots, 0, 1 }) == -1)
            {
                perror("semctl SETALL");
                return 1;
            }

            nint ring = shmat(shmid, 0, 0);
            if (ring == -1)
            {
                perror("shmat");
                return 1;
            }

            try
            {
                shell.Ipcs("segment and semaphore set created, the parent attached");
                return ForkAndConsume(shell, ring, semid);
            }
            finally
            {
                if (shmdt(ring) == -1) perror("shmdt");
            }
        }
        finally
        {
            if (semctl(semid, 0, IPC_RMID) == -1) perror("semctl IPC_RMID");
        }
    }

    private static int ForkAndConsume(Shell shell, nint ring, int semid)
    {
        // The child inherits the attachment: both processes see the same ring.
        int pid = fork(() => Produce(ring, semid));
        if (pid == -1)
        {
            perror("fork");
            return 1;
        }

        var consumed = Consume(shell, ring, semid, out var sum);

        // A consumer that gave up would leave the producer blocked on EMPTY for ever.
        if (!consumed && kill(pid, SIGTERM) == -1) perror("kill");

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

        puts($"consumer: sum of the squares 1..{Items} = {sum}");
        puts(WIFEXITED(wstatus) ? $"producer exited with status {WEXITSTATUS(wstatus)}" : $"producer killed by signal {WTERMSIG(wstatus)}");
        shell.Ipcs("the producer has exited, which detached it (nattch 1)");
        return consumed && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 ? 0 : 1;
    }

    /// <summary>The parent: takes the items in order and prints each one.</summary>
    private static bool Consume(Shell shell, nint ring, int semid, out int sum)
    {
        sum = 0;
        for (var taken = 0; taken < Items; taken++)
        {
            if (!P(semid, Full)) return false;
            if (!Lock(semid)) return false;
            int slot = taken % Slots;
            int item;
            bool released;
            try
            {
                item = Mem.Read<int>(ring + (slot * sizeof(int)));
            }
            finally
            {
                released = Unlock(semid);
            }

            if (!released || !V(semid, Empty)) return false;
            sum += item;
            puts($"consumer: took {item,3} from slot {slot}");

            // The producer is at most Slots items ahead, so it cannot have exited yet: nattch is 2.
            if (taken == 0) shell.Ipcs("the producer runs: two attachments (nattch 2)");
        }

        return true;
    }

    /// <summary>The child: puts the squares 1, 4, 9 … into the ring, then exits (exit detaches it).</summary>
    private static int Produce(nint ring, int semid)
    {
        for (var made = 0; made < Items; made++)
        {
            if (!P(semid, Empty)) return 1;
            if (!Lock(semid)) return 1;
            bool released;
            try
            {
                Mem.Write<int>(ring + (made % Slots * sizeof(int)), (made + 1) * (made + 1));
            }
            finally
            {
                released = Unlock(semid);
            }

            if (!released) return 1;
            if (!V(semid, Full)) return 1;
        }

        return 0;
    }

    /// <summary>P (wait, down) on a counting semaphore: blocks while it is 0; a signal only makes it try again.</summary>
    private static bool P(int semid, int sem)
    {
        var op = new[] { new Sembuf(sem, -1, 0) };
        int r;
        do
        {
            r = semop(semid, op, 1);
        }
        while (r == -1 && errno == EINTR);

        if (r == -1) perror("semop P");
        return r != -1;
    }

    /// <summary>V (signal, up) on a counting semaphore: never blocks.</summary>
    private static bool V(int semid, int sem)
    {
        var op = new[] { new Sembuf(sem, 1, 0) };
        if (semop(semid, op, 1) == -1)
        {
            perror("semop V");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Takes MUTEX. SEM_UNDO: if this process dies holding it, the kernel gives it back at exit.
    /// (Not on EMPTY and FULL: they are decremented by one process and incremented by the other,
    /// so an undo at exit would corrupt the counts.)
    /// </summary>
    private static bool Lock(int semid)
    {
        var op = new[] { new Sembuf(Mutex, -1, SEM_UNDO) };
        int r;
        do
        {
            r = semop(semid, op, 1);
        }
        while (r == -1 && errno == EINTR);

        if (r == -1) perror("semop lock");
        return r != -1;
    }

    /// <summary>Releases MUTEX (with SEM_UNDO, which cancels the adjustment Lock recorded).</summary>
    private static bool Unlock(int semid)
    {
        var op = new[] { new Sembuf(Mutex, 1, SEM_UNDO) };
        if (semop(semid, op, 1) == -1)
        {
            perror("semop unlock");
            return false;
        }

        return true;
    }
}
