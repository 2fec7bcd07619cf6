namespace IpcSim;

/// <summary>
/// The bodies of the descriptor and path system calls, for the Libc facade. Each takes the Gate,
/// validates its arguments in the kernel's order and returns a result or -errno. Mirrors
/// fs/read_write.c, fs/file.c, fs/fcntl.c, fs/open.c, fs/namei.c and fs/pipe.c's do_pipe2().
/// </summary>
internal static class FileSyscalls
{
    internal static int Pipe2(int[]? pipefd, int flags)
    {
        var p = SimProcess.Current;
        using (p.Kernel.EnterGate())
        {
            if ((flags & ~(Libc.O_NONBLOCK | Libc.O_CLOEXEC)) != 0) return -Libc.EINVAL;
            if (!p.Files.HasFree(2)) return -Libc.EMFILE;
            if (pipefd is null || pipefd.Length < 2) return -Libc.EFAULT; // copy_to_user() of the pair

            var pipe = new Pipe(p.Kernel, "pipe:[" + p.Kernel.Fs.NewInode() + "]") { Readers = 1, Writers = 1, Files = 2 };
            var status = flags & Libc.O_NONBLOCK;
            var cloexec = (flags & Libc.O_CLOEXEC) != 0;
            pipefd[0] = p.Files.Install(new PipeFile(pipe, Libc.O_RDONLY | status), cloexec);
            pipefd[1] = p.Files.Install(new PipeFile(pipe, Libc.O_WRONLY | status), cloexec);
            return 0;
        }
    }

    internal static long Read(int fd, byte[]? buf, long count) =>
        Transfer(fd, buf, count, write: false);

    internal static long Write(int fd, byte[]? buf, long count) =>
        Transfer(fd, buf, count, write: true);

    internal static int Close(int fd)
    {
        var p = SimProcess.Current;
        using (p.Kernel.EnterGate()) return p.Files.Close(fd);
    }

    internal static int Dup(int oldfd)
    {
        var p = SimProcess.Current;
        using (p.Kernel.EnterGate())
        {
            var file = p.Files.Get(oldfd);
            return file is null ? -Libc.EBADF : p.Files.Install(file, cloexec: false);
        }
    }

    internal static int Dup2(int oldfd, int newfd)
    {
        var p = SimProcess.Current;
        using (p.Kernel.EnterGate())
        {
            var file = p.Files.Get(oldfd);
            if (file is null) return -Libc.EBADF;
            if (newfd < 0 || newfd >= FileTable.MaxFiles) return -Libc.EBADF;
            if (newfd == oldfd) return newfd; // and FD_CLOEXEC stays as it was
            p.Files.InstallAt(newfd, file, cloexec: false);
            return newfd;
        }
    }

    internal static int Fcntl(int fd, int cmd, int arg)
    {
        var p = SimProcess.Current;
        using (p.Kernel.EnterGate())
        {
            var file = p.Files.Get(fd);
            if (file is null) return -Libc.EBADF;
            switch (cmd)
            {
                case Libc.F_DUPFD:
                case Libc.F_DUPFD_CLOEXEC:
                    if (arg < 0 || arg >= FileTable.MaxFiles) return -Libc.EINVAL;
                    return p.Files.Install(file, cloexec: cmd == Libc.F_DUPFD_CLOEXEC, minFd: arg);
                case Libc.F_GETFD:
                    return p.Files.GetCloseOnExec(fd) ? Libc.FD_CLOEXEC : 0;
                case Libc.F_SETFD:
                    p.Files.SetCloseOnExec(fd, (arg & Libc.FD_CLOEXEC) != 0);
                    return 0;
                case Libc.F_GETFL:
                    return file.Flags;
                case Libc.F_SETFL:
                    file.SetStatusFlags(arg);
                    return 0;
                default:
                    return -Libc.EINVAL;
            }
        }
    }

    internal static int Open(string? pathname, int flags, int mode)
    {
        var p = SimProcess.Current;
        using (p.Kernel.EnterGate())
        {
            // get_unused_fd_flags() comes before the walk: a full table is EMFILE whatever the path.
            if (!p.Files.HasFree(1)) return -Libc.EMFILE;
            var err = p.Kernel.Fs.Open(p, pathname, flags, mode, out var file);
            if (err != 0) return err;
            var fd = p.Files.Install(file!, cloexec: (flags & Libc.O_CLOEXEC) != 0);
            if (fd < 0)
            {
                // Cannot happen (only this process fills its table), but never strand a FIFO end.
                file!.Get();
                file.Put();
            }

            return fd;
        }
    }

    internal static int Mkfifo(string? pathname, int mode)
    {
        var p = SimProcess.Current;
        using (p.Kernel.EnterGate()) return p.Kernel.Fs.Mkfifo(p, pathname, mode);
    }

    internal static int Unlink(string? pathname)
    {
        var p = SimProcess.Current;
        using (p.Kernel.EnterGate()) return p.Kernel.Fs.Unlink(pathname);
    }

    internal static int Stat(string? pathname, out FileStat st)
    {
        var p = SimProcess.Current;
        using (p.Kernel.EnterGate()) return p.Kernel.Fs.Stat(pathname, out st);
    }

    // ksys_read()/ksys_write(): EBADF for a bad descriptor or the wrong direction, then the buffer.
    // The description is held for the call (fdget), so a close elsewhere cannot release it mid-read.
    private static long Transfer(int fd, byte[]? buf, long count, bool write)
    {
        var p = SimProcess.Current;
        using (p.Kernel.EnterGate())
        {
            var file = p.Files.Get(fd);
            if (file is null || !(write ? file.CanWrite : file.CanRead)) return -Libc.EBADF;
            if (buf is null) return -Libc.EFAULT;
            if (count < 0) return -Libc.EINVAL;
            if (count > buf.Length) return -Libc.EFAULT;
            file.Get();
            try
            {
                return write ? file.Write(p, buf, (int)count) : file.Read(p, buf, (int)count);
            }
            finally
            {
                file.Put();
            }
        }
    }
}
