namespace IpcSim;

public static partial class Libc
{
    // <sys/stat.h>
    public const int S_IRWXU = 0x1C0;
    public const int S_IRUSR = 0x100;
    public const int S_IWUSR = 0x80;
    public const int S_IXUSR = 0x40;
    public const int S_IRWXG = 0x38;
    public const int S_IRGRP = 0x20;
    public const int S_IWGRP = 0x10;
    public const int S_IXGRP = 0x8;
    public const int S_IRWXO = 0x7;
    public const int S_IROTH = 0x4;
    public const int S_IWOTH = 0x2;
    public const int S_IXOTH = 0x1;

    public const int S_IFMT = 0xF000;
    public const int S_IFIFO = 0x1000;
    public const int S_IFDIR = 0x4000;
    public const int S_IFREG = 0x8000;

    // int mkfifo(const char *pathname, mode_t mode);   The FIFO exists only in the simulation; mode & ~022.
    public static int mkfifo(string pathname, int mode) => Sys(FileSyscalls.Mkfifo(pathname, mode));
}
