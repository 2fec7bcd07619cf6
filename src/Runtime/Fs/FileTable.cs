namespace IpcSim;

/// <summary>
/// A process's descriptor table: descriptor numbers pointing at shared open file descriptions,
/// with FD_CLOEXEC per descriptor. New descriptors take the lowest free number. Mirrors struct
/// files_struct and fs/file.c. Every member is called with the kernel's Gate held.
/// </summary>
internal sealed class FileTable
{
    /// <summary>RLIMIT_NOFILE's default soft limit: descriptors are 0 .. 1023.</summary>
    internal const int MaxFiles = 1024;

    private OpenFile?[] files = new OpenFile?[16];
    private bool[] closeOnExec = new bool[16];

    /// <summary>The description behind <paramref name="fd"/>, or null for a descriptor that is not open (EBADF).</summary>
    internal OpenFile? Get(int fd) => fd >= 0 && fd < files.Length ? files[fd] : null;

    /// <summary>Whether <paramref name="count"/> more descriptors can be allocated.</summary>
    internal bool HasFree(int count)
    {
        var free = MaxFiles - files.Length;
        foreach (var f in files)
        {
            if (f is null) free++;
        }

        return free >= count;
    }

    /// <summary>
    /// alloc_fd() + fd_install(): the lowest free descriptor at or above <paramref name="minFd"/>,
    /// now referring to <paramref name="file"/> (which gains a reference). Returns it or -EMFILE.
    /// </summary>
    internal int Install(OpenFile file, bool cloexec, int minFd = 0)
    {
        for (var fd = minFd; fd < MaxFiles; fd++)
        {
            if (fd < files.Length && files[fd] is not null) continue;
            InstallAt(fd, file, cloexec);
            return fd;
        }

        return -Libc.EMFILE;
    }

    /// <summary>do_dup2(): <paramref name="fd"/> (silently closed first if open) now refers to <paramref name="file"/>.</summary>
    internal void InstallAt(int fd, OpenFile file, bool cloexec)
    {
        if (fd >= files.Length)
        {
            var size = Math.Min(MaxFiles, Math.Max(fd + 1, files.Length * 2));
            Array.Resize(ref files, size);
            Array.Resize(ref closeOnExec, size);
        }

        file.Get(); // before closing the old one: dup2(fd, fd) must not release what it installs
        var old = files[fd];
        files[fd] = file;
        closeOnExec[fd] = cloexec;
        old?.Put();
    }

    /// <summary>close(2). Returns 0 or -EBADF.</summary>
    internal int Close(int fd)
    {
        var file = Get(fd);
        if (file is null) return -Libc.EBADF;
        files[fd] = null;
        closeOnExec[fd] = false;
        file.Put();
        return 0;
    }

    internal bool GetCloseOnExec(int fd) => Get(fd) is not null && closeOnExec[fd];

    internal void SetCloseOnExec(int fd, bool value)
    {
        if (Get(fd) is not null) closeOnExec[fd] = value;
    }

    /// <summary>dup_fd(): fork's copy. Same numbers, same descriptions (each gains a reference), same FD_CLOEXEC.</summary>
    internal FileTable Clone()
    {
        var copy = new FileTable { files = (OpenFile?[])files.Clone(), closeOnExec = (bool[])closeOnExec.Clone() };
        foreach (var f in copy.files) f?.Get();
        return copy;
    }

    /// <summary>exit_files(): close every descriptor.</summary>
    internal void CloseAll()
    {
        for (var fd = 0; fd < files.Length; fd++)
        {
            if (files[fd] is not null) Close(fd);
        }
    }

    /// <summary>The open descriptors, for tests and reports.</summary>
    internal IEnumerable<int> OpenDescriptors()
    {
        for (var fd = 0; fd < files.Length; fd++)
        {
            if (files[fd] is not null) yield return fd;
        }
    }
}
