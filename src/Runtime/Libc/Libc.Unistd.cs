namespace IpcSim;

public static partial class Libc
{
    // <unistd.h>: processes, credentials and time. Descriptors are in Libc.Unistd.Fd.cs.

    // pid_t fork(void);   The child runs the delegate on its own thread; its return value is its exit status.
    public static int fork(Action child) => Sys(-ENOSYS);

    public static int fork(Func<int> child) => Sys(-ENOSYS);

    // pid_t getpid(void);
    public static int getpid() => SimProcess.Current.Pid;

    // pid_t getppid(void);
    public static int getppid() => SimProcess.Current.Ppid;

    // void exit(int status);
    public static void exit(int status) => SimProcess.Current.Exit(status & 0xff);

    // void _exit(int status);
    public static void _exit(int status) => SimProcess.Current.Exit(status & 0xff);

    // int pause(void);
    public static int pause() => Sys(-ENOSYS);

    // unsigned int alarm(unsigned int seconds);
    public static uint alarm(uint seconds) => 0;

    // unsigned int sleep(unsigned int seconds);
    public static uint sleep(uint seconds) => 0;

    // int usleep(useconds_t usec);
    public static int usleep(long usec) => Sys(-ENOSYS);

    // int nanosleep(const struct timespec *req, struct timespec *rem);
    public static int nanosleep(Timespec req, Timespec? rem) => Sys(-ENOSYS);

    // int sched_yield(void);
    public static int sched_yield() => 0;
}
