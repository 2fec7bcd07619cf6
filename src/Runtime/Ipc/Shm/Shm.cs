using System.Diagnostics;

namespace IpcSim;

/// <summary>
/// System V shared memory of one IPC namespace: shmget, shmat, shmdt (here), shmctl (Shm.Ctl.cs)
/// and the ipcs table (Shm.Show.cs). Mirrors ipc/shm.c. Entry points take the kernel's Gate.
/// </summary>
internal sealed partial class Shm
{
    private readonly Kernel kernel;
    private readonly ShmOps ops;

    internal Shm(Kernel kernel, IpcLimits limits)
    {
        this.kernel = kernel;
        Limits = limits;
        Ids = new IpcIds<ShmSegment>(kernel.Gate);
        ops = new ShmOps(this);
    }

    internal IpcIds<ShmSegment> Ids { get; }

    internal IpcLimits Limits { get; }

    /// <summary>Pages of every segment together (ns->shm_tot), checked against SHMALL.</summary>
    internal long TotalPages { get; set; }

    internal long Now => kernel.Clock.NowSeconds;

    /// <summary>Mirrors ipc/shm.c: ksys_shmget(). Returns an id or -errno.</summary>
    internal int Get(SimProcess p, int key, long size, int shmflg)
    {
        using (kernel.EnterGate()) return Ids.Get(new IpcParams(key, shmflg, Size: size), ops, p);
    }

    /// <summary>
    /// Mirrors ipc/shm.c: do_shmat(). Maps the segment into the caller's address space and
    /// returns the address, or -errno: EINVAL for a bad id, an unaligned address without SHM_RND
    /// or an overlap; EACCES without permission; ENOMEM when the address space has no room.
    /// </summary>
    internal long At(SimProcess p, int shmid, long shmaddr, int shmflg)
    {
        if (shmid < 0) return -Libc.EINVAL;
        var addr = shmaddr;
        var fixedAddress = addr != 0;
        if ((addr & (Libc.SHMLBA - 1)) != 0)
        {
            if ((shmflg & Libc.SHM_RND) == 0) return -Libc.EINVAL;
            addr &= ~(Libc.SHMLBA - 1);
        }

        var readOnly = (shmflg & Libc.SHM_RDONLY) != 0;
        using (kernel.EnterGate())
        {
            var seg = Ids.ObtainCheck(shmid);
            if (seg is null) return -Libc.EINVAL;
            if (IpcPerms.Check(seg, readOnly ? IpcPerms.Read : IpcPerms.ReadWrite, p) != 0) return -Libc.EACCES;

            var length = seg.PageCount * IpcLimits.PageSize;
            var space = p.AddressSpace;
            if (fixedAddress)
            {
                var start = (ulong)addr;
                if (start + (ulong)seg.Size < start) return -Libc.EINVAL;
                if ((ulong)length > IpcLimits.TaskSize || start > (ulong)(IpcLimits.TaskSize - length)) return -Libc.ENOMEM;
                if (space.Overlaps(addr, addr + length)) return -Libc.EINVAL;
                if (addr < IpcLimits.MmapMinAddr && !IpcPerms.IsPrivileged(p)) return -Libc.EPERM; // security_mmap_addr()
            }
            else
            {
                addr = length > IpcLimits.TaskSize ? -1 : space.FindFree(length);
                if (addr < 0) return -Libc.ENOMEM;
            }

            space.Add(new Attachment(addr, seg, readOnly));
            Open(seg, p);
            return addr;
        }
    }

    /// <summary>Mirrors ipc/shm.c: ksys_shmdt(): EINVAL unless an attachment starts at <paramref name="shmaddr"/>.</summary>
    internal int Dt(SimProcess p, long shmaddr)
    {
        if ((shmaddr & (IpcLimits.PageSize - 1)) != 0) return -Libc.EINVAL;
        using (kernel.EnterGate())
        {
            var space = p.AddressSpaceIfAny;
            var a = space?.FindStart(shmaddr);
            if (space is null || a is null) return -Libc.EINVAL;
            space.Remove(a);
            Close(a.Segment, p);
            return 0;
        }
    }

    /// <summary>fork: the child gets the parent's mappings at the same addresses (dup_mmap + shm_open). Call with the Gate held.</summary>
    internal void CopyAttachments(SimProcess parent, SimProcess child)
    {
        Debug.Assert(Monitor.IsEntered(kernel.Gate), "Call with the Gate held");
        if (parent.AddressSpaceIfAny is not { Count: > 0 } space) return;
        foreach (var a in space.Attachments)
        {
            child.AddressSpace.Add(new Attachment(a.Start, a.Segment, a.ReadOnly));
            Open(a.Segment, parent); // shm_open runs from dup_mmap in the forking parent, so shm_lpid is the parent's pid
        }
    }

    /// <summary>exit: unmap every segment (exit_mmap closes each shm vma). Call with the Gate held.</summary>
    internal void DetachAll(SimProcess p)
    {
        Debug.Assert(Monitor.IsEntered(kernel.Gate), "Call with the Gate held");
        if (p.AddressSpaceIfAny is not { Count: > 0 } space) return;
        foreach (var a in space.Attachments)
        {
            space.Remove(a);
            Close(a.Segment, p);
        }
    }

    /// <summary>Mirrors ipc/shm.c: __shm_open(): one more attachment.</summary>
    private void Open(ShmSegment seg, SimProcess p)
    {
        seg.ATime = Now;
        seg.LPid = p.Pid;
        seg.NAttch++;
    }

    /// <summary>Mirrors ipc/shm.c: shm_close(): one attachment fewer; the last one of a removed segment destroys it.</summary>
    private void Close(ShmSegment seg, SimProcess p)
    {
        seg.LPid = p.Pid;
        seg.DTime = Now;
        seg.NAttch--;
        if (MayDestroy(seg)) Destroy(seg);
    }

    /// <summary>Mirrors ipc/shm.c: shm_may_destroy(): unattached and marked SHM_DEST.</summary>
    private static bool MayDestroy(ShmSegment seg) => seg.NAttch == 0 && (seg.Mode & Libc.SHM_DEST) != 0;

    /// <summary>Mirrors ipc/shm.c: shm_destroy(): the id goes and the pages are released.</summary>
    private void Destroy(ShmSegment seg)
    {
        TotalPages -= seg.PageCount;
        Ids.Remove(seg);
    }
}
