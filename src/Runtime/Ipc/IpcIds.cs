using System.Diagnostics;

namespace IpcSim;

/// <summary>
/// One identifier set per IPC kind: the index table, the key table and the sequence counter.
/// Mirrors struct ipc_ids and ipc/util.c. Every member is called with the kernel's Gate held.
/// </summary>
internal sealed class IpcIds<T> where T : KernIpcPerm
{
    /// <summary>The largest sequence number before it wraps (ipcid_seq_max(): INT_MAX >> 15).</summary>
    internal const int SeqMax = int.MaxValue / Libc.IPCMNI;

    private readonly Dictionary<int, T> byIndex = new();   // the idr
    private readonly Dictionary<int, T> byKey = new();     // never holds IPC_PRIVATE
    private readonly object gate;
    private int nextIndex;                                 // the cyclic cursor (ids->next_idx)
    private int lastIndex = -1;
    private int seq;

    internal IpcIds(object gate) => this.gate = gate;

    /// <summary>The number of objects (ids->in_use).</summary>
    internal int InUse => byIndex.Count;

    /// <summary>Every object in index order (for Show, IPC_INFO and the leak report).</summary>
    internal IEnumerable<T> All
    {
        get
        {
            AssertLocked();
            return byIndex.Values.OrderBy(o => o.Index).ToArray();
        }
    }

    /// <summary>
    /// Mirrors ipc/util.c: ipcget(), ipcget_new() and ipcget_public(): the common body of
    /// shmget, semget and msgget. Returns an id or -errno.
    /// </summary>
    internal int Get(in IpcParams p, IIpcOps<T> ops, SimProcess caller)
    {
        AssertLocked();
        if (p.Key == Libc.IPC_PRIVATE) return ops.GetNew(this, p, caller);
        if (!byKey.TryGetValue(p.Key, out var obj))
            return (p.Flags & Libc.IPC_CREAT) != 0 ? ops.GetNew(this, p, caller) : -Libc.ENOENT;
        if ((p.Flags & Libc.IPC_CREAT) != 0 && (p.Flags & Libc.IPC_EXCL) != 0) return -Libc.EEXIST;
        var err = ops.MoreChecks(obj, p);
        if (err != 0) return err;
        return IpcPerms.Check(obj, p.Flags, caller) == 0 ? obj.Id : -Libc.EACCES;
    }

    /// <summary>ipc_min_cycle (RADIX_TREE_MAP_SIZE): the smallest window the cyclic allocation cycles through.</summary>
    internal const int MinCycle = 64;

    /// <summary>
    /// Mirrors ipc/util.c: ipc_addid() and ipc_idr_alloc(). Gives <paramref name="obj"/> the next
    /// free index after the last one handed out, cycling within max(in_use * 3/2, 64) slots, and a
    /// sequence number bumped whenever the index is at or below the last one; so ids run 0, 1, 2 …
    /// and a removed id does not come back soon. Also the caller's credentials as owner and creator.
    /// Returns the id, or -ENOSPC once <paramref name="limit"/> objects exist.
    /// </summary>
    internal int Add(T obj, int limit, SimProcess caller)
    {
        AssertLocked();
        if (InUse >= Math.Min(limit, Libc.IPCMNI)) return -Libc.ENOSPC;
        var window = Math.Min(Math.Max(InUse * 3 / 2, MinCycle), Libc.IPCMNI);
        var index = FreeIndexCyclic(window);
        if (index < 0) return -Libc.ENOSPC;
        nextIndex = index + 1;
        if (index <= lastIndex && ++seq >= SeqMax) seq = 0;
        lastIndex = index;
        obj.Seq = seq;
        obj.Id = (seq * Libc.IPCMNI) + index;
        obj.Uid = obj.Cuid = caller.Euid;
        obj.Gid = obj.Cgid = caller.Egid;
        obj.CreatorPid = caller.Pid;
        obj.Deleted = false;
        byIndex.Add(index, obj);
        if (obj.Key != Libc.IPC_PRIVATE) byKey.Add(obj.Key, obj);
        return obj.Id;
    }

    /// <summary>idr_alloc_cyclic(): the first free index in [cursor, window), else in [0, cursor); -1 when none.</summary>
    private int FreeIndexCyclic(int window)
    {
        var start = nextIndex < window ? nextIndex : 0;
        for (var i = start; i < window; i++)
        {
            if (!byIndex.ContainsKey(i)) return i;
        }

        for (var i = 0; i < start; i++)
        {
            if (!byIndex.ContainsKey(i)) return i;
        }

        return -1;
    }

    /// <summary>Mirrors ipc/util.c: ipc_rmid(). The id stops working at once; sleepers see Deleted.</summary>
    internal void Remove(T obj)
    {
        AssertLocked();
        if (!byIndex.Remove(obj.Index)) return;
        SetKeyPrivate(obj);
        obj.Deleted = true;
    }

    /// <summary>Mirrors ipc/util.c: ipc_set_key_private(). The key can name a new object; this one shows key 0.</summary>
    internal void SetKeyPrivate(T obj)
    {
        AssertLocked();
        if (obj.Key != Libc.IPC_PRIVATE && byKey.TryGetValue(obj.Key, out var owner) && owner == obj) byKey.Remove(obj.Key);
        obj.Key = Libc.IPC_PRIVATE;
    }

    /// <summary>
    /// Mirrors ipc/util.c: ipc_obtain_object_check(). The object named by <paramref name="id"/>,
    /// or null (EINVAL) when its index slot is empty or holds another sequence number.
    /// </summary>
    internal T? ObtainCheck(int id)
    {
        AssertLocked();
        if (id < 0 || !byIndex.TryGetValue(id % Libc.IPCMNI, out var obj)) return null;
        return obj.Id == id ? obj : null;
    }

    /// <summary>Mirrors ipc/util.c: ipc_obtain_object_idr(), by index alone (SHM_STAT, SEM_STAT, MSG_STAT).</summary>
    internal T? ObtainByIndex(int index)
    {
        AssertLocked();
        return index >= 0 && byIndex.TryGetValue(index, out var obj) ? obj : null;
    }

    /// <summary>Mirrors ipc/util.c: ipc_get_maxidx(): the highest index in use, or -1 when empty.</summary>
    internal int MaxIndex
    {
        get
        {
            AssertLocked();
            return byIndex.Count == 0 ? -1 : byIndex.Keys.Max();
        }
    }

    private void AssertLocked() => Debug.Assert(Monitor.IsEntered(gate), "Call with the Gate held");
}
