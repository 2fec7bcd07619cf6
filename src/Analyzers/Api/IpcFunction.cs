namespace IpcAnalyzers.Api;

/// <summary>One member per C function of the surface in API.md, named exactly as in C.</summary>
#pragma warning disable CA1707, IDE1006, CA1720 // the C names are the point
internal enum IpcFunction
{
    None = 0,
    ftok,
    shmget, shmat, shmdt, shmctl,
    semget, semop, semtimedop, semctl,
    msgget, msgsnd, msgrcv, msgctl,
    pipe, pipe2, mkfifo, open, read, write, close, dup, dup2, fcntl, unlink,
    fork, getpid, getppid, exit, _exit, wait, waitpid,
    getuid, geteuid, getgid, getegid, setuid, setgid,
    kill, raise, sigaction, signal, sigprocmask, sigsuspend, pause, alarm,
    sigemptyset, sigfillset, sigaddset, sigdelset, sigismember,
    sleep, usleep, nanosleep, sched_yield,
    perror, strerror,
}
#pragma warning restore CA1707, IDE1006, CA1720
