namespace IpcSim;

public static partial class Libc
{
    // <errno.h>: Linux x86-64 values.
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int ENXIO = 6;
    public const int E2BIG = 7;
    public const int EBADF = 9;
    public const int ECHILD = 10;
    public const int EAGAIN = 11;
    public const int EWOULDBLOCK = EAGAIN;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EFAULT = 14;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int ENFILE = 23;
    public const int EMFILE = 24;
    public const int EFBIG = 27;
    public const int ENOSPC = 28;
    public const int ESPIPE = 29;
    public const int EROFS = 30;
    public const int EPIPE = 32;
    public const int ERANGE = 34;
    public const int EDEADLK = 35;
    public const int ENAMETOOLONG = 36;
    public const int ENOSYS = 38;
    public const int ENOMSG = 42;
    public const int EIDRM = 43;

    /// <summary>The calling simulated process's errno.</summary>
    public static int errno
    {
        get => SimProcess.Current.Errno;
        set => SimProcess.Current.Errno = value;
    }

    // void perror(const char *s);
    public static void perror(string s)
    {
        var p = SimProcess.Current;
        var message = strerror(p.Errno);
        p.Kernel.Stderr.WriteLine(string.IsNullOrEmpty(s) ? message : s + ": " + message);
    }

    // char *strerror(int errnum);   glibc's messages.
    public static string strerror(int errnum) => errnum switch
    {
        0 => "Success",
        EPERM => "Operation not permitted",
        ENOENT => "No such file or directory",
        ESRCH => "No such process",
        EINTR => "Interrupted system call",
        EIO => "Input/output error",
        ENXIO => "No such device or address",
        E2BIG => "Argument list too long",
        8 => "Exec format error",
        EBADF => "Bad file descriptor",
        ECHILD => "No child processes",
        EAGAIN => "Resource temporarily unavailable",
        ENOMEM => "Cannot allocate memory",
        EACCES => "Permission denied",
        EFAULT => "Bad address",
        15 => "Block device required",
        EBUSY => "Device or resource busy",
        EEXIST => "File exists",
        18 => "Invalid cross-device link",
        19 => "No such device",
        ENOTDIR => "Not a directory",
        EISDIR => "Is a directory",
        EINVAL => "Invalid argument",
        ENFILE => "Too many open files in system",
        EMFILE => "Too many open files",
        25 => "Inappropriate ioctl for device",
        26 => "Text file busy",
        EFBIG => "File too large",
        ENOSPC => "No space left on device",
        ESPIPE => "Illegal seek",
        EROFS => "Read-only file system",
        31 => "Too many links",
        EPIPE => "Broken pipe",
        33 => "Numerical argument out of domain",
        ERANGE => "Numerical result out of range",
        EDEADLK => "Resource deadlock avoided",
        ENAMETOOLONG => "File name too long",
        37 => "No locks available",
        ENOSYS => "Function not implemented",
        39 => "Directory not empty",
        40 => "Too many levels of symbolic links",
        ENOMSG => "No message of desired type",
        EIDRM => "Identifier removed",
        _ => "Unknown error " + errnum.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
