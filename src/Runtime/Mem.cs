using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace IpcSim;

/// <summary>
/// Loads and stores in the calling process's simulated address space: the memory that
/// <see cref="Libc.shmat"/> returns addresses into. An access outside every attached segment
/// (the tail of the last page past shm_segsz is mapped, as on Linux), after shmdt, or a write
/// through an SHM_RDONLY attachment delivers SIGSEGV to the calling process, as the MMU would.
/// Each access takes the process's address-space lock once and never the kernel's lock.
/// </summary>
public static class Mem
{
    private const int PageSize = (int)IpcLimits.PageSize;

    /// <summary>Reads a <typeparamref name="T"/> at <paramref name="addr"/> (any alignment).</summary>
    public static T Read<T>(nint addr) where T : unmanaged
    {
        Span<byte> bytes = stackalloc byte[Unsafe.SizeOf<T>()];
        Access(addr, bytes, write: false);
        return MemoryMarshal.Read<T>(bytes);
    }

    /// <summary>Writes <paramref name="value"/> at <paramref name="addr"/> (any alignment).</summary>
    public static void Write<T>(nint addr, T value) where T : unmanaged
    {
        Span<byte> bytes = stackalloc byte[Unsafe.SizeOf<T>()];
        MemoryMarshal.Write(bytes, in value);
        Access(addr, bytes, write: true);
    }

    /// <summary>Copies <paramref name="dst"/>.Length bytes from <paramref name="addr"/>.</summary>
    public static void ReadBytes(nint addr, Span<byte> dst) => Access(addr, dst, write: false);

    /// <summary>Copies <paramref name="src"/> to <paramref name="addr"/>.</summary>
    public static void WriteBytes(nint addr, ReadOnlySpan<byte> src) =>
        Access(addr, MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(src), src.Length), write: true);

    /// <summary>Reads a NUL-terminated UTF-8 string starting at <paramref name="addr"/>.</summary>
    public static string ReadString(nint addr)
    {
        var p = SimProcess.Current;
        var bytes = new List<byte>();
        var page = new byte[PageSize];
        long at = addr;
        while (true)
        {
            // Read up to the end of the current page, so a string ending just before unmapped memory is fine.
            var chunk = (int)(PageSize - (at & (PageSize - 1)));
            var span = page.AsSpan(0, chunk);
            Access(p, at, span, write: false);
            var nul = span.IndexOf((byte)0);
            if (nul >= 0)
            {
                bytes.AddRange(span[..nul]);
                return Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(bytes));
            }

            bytes.AddRange(span);
            at += chunk;
        }
    }

    /// <summary>Writes <paramref name="s"/> as UTF-8 followed by a NUL byte.</summary>
    public static void WriteString(nint addr, string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        Access(addr, bytes, write: true);
    }

    private static void Access(nint addr, Span<byte> data, bool write) => Access(SimProcess.Current, addr, data, write);

    private static void Access(SimProcess p, long addr, Span<byte> data, bool write)
    {
        if (data.IsEmpty) return;
        var space = p.AddressSpaceIfAny;
        if (space is null) DeliverSegv(p);
        var faulted = false;
        lock (space.Sync)
        {
            var done = 0;
            while (done < data.Length)
            {
                var at = addr + done;
                var a = at < 0 ? null : space.Find(at);
                if (a is null || (write && a.ReadOnly))
                {
                    faulted = true;
                    break;
                }

                var offset = at - a.Start;
                var inPage = (int)(offset & (PageSize - 1));
                var n = Math.Min(data.Length - done, PageSize - inPage);
                var page = a.Segment.Page(offset / PageSize);
                if (write) data.Slice(done, n).CopyTo(page.AsSpan(inPage, n));
                else page.AsSpan(inPage, n).CopyTo(data.Slice(done, n));
                done += n;
            }
        }

        if (faulted) DeliverSegv(p);
    }

    /// <summary>
    /// A bad access: the process gets SIGSEGV, whose default action kills it (WTERMSIG ==
    /// SIGSEGV). The one place to route it through the signal machinery instead.
    /// </summary>
    [DoesNotReturn]
    private static void DeliverSegv(SimProcess p)
    {
        using (p.Kernel.EnterGate()) p.DyingStatus ??= Libc.SignaledStatus(Libc.SIGSEGV);
        p.ThrowIfDying();
        throw new ProcessExitException(Libc.SignaledStatus(Libc.SIGSEGV));
    }
}
