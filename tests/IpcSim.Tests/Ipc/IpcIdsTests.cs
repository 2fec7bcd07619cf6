namespace IpcSim.Tests.Ipc;

public class IpcIdsTests
{
    [Fact]
    public void Ids_are_seq_times_IPCMNI_plus_the_index_starting_at_zero() => Sim.Run(() =>
    {
        var a = msgget(IPC_PRIVATE, IPC_CREAT);
        var b = msgget(IPC_PRIVATE, IPC_CREAT);
        Assert.Equal(0, a);
        Assert.Equal(1, b);
        msgctl(a, IPC_RMID, null);
        var c = msgget(IPC_PRIVATE, IPC_CREAT); // the cursor moves on: index 2, same sequence
        Assert.Equal(2, c);
        var ds = new MsqidDs();
        msgctl(c, IPC_STAT, ds);
        Assert.Equal(0, ds.msg_perm.__seq);
        msgctl(b, IPC_RMID, null);
        msgctl(c, IPC_RMID, null);
    });

    [Fact]
    public void Creating_and_removing_cycles_through_64_indexes_then_wraps_with_the_next_sequence_number() => Sim.Run(() =>
    {
        // ipc_idr_alloc(): idr_alloc_cyclic within max(in_use * 3/2, ipc_min_cycle = 64) slots.
        var ids = new List<int>();
        for (var i = 0; i < 65; i++)
        {
            var id = semget(IPC_PRIVATE, 1, IPC_CREAT);
            ids.Add(id);
            Assert.Equal(0, semctl(id, 0, IPC_RMID));
        }

        Assert.Equal(Enumerable.Range(0, 64), ids.Take(64));
        Assert.Equal(IPCMNI + 0, ids[64]); // index 0 again, sequence 1
    });

    [Fact]
    public void The_window_grows_with_the_number_in_use() => Sim.Run(() =>
    {
        var ids = Enumerable.Range(0, 100).Select(_ => msgget(IPC_PRIVATE, IPC_CREAT)).ToArray();
        Assert.Equal(Enumerable.Range(0, 100), ids); // a growing table never wraps
        foreach (var id in ids) msgctl(id, IPC_RMID, null);
    });

    [Fact]
    public void A_removed_id_is_not_reused_at_once_and_stays_invalid() => Sim.Run(() =>
    {
        var a = semget(IPC_PRIVATE, 1, IPC_CREAT);
        semctl(a, 0, IPC_RMID);
        var b = semget(IPC_PRIVATE, 1, IPC_CREAT);
        Assert.NotEqual(a, b); // the next index, not the freed one
        ErrnoAssert.Fails(EINVAL, () => semctl(a, 0, GETVAL));
        semctl(b, 0, IPC_RMID);
    });

    [Fact]
    public void A_freed_index_is_reused_only_when_the_cursor_comes_back_to_it() => Sim.Run(() =>
    {
        var ids = Enumerable.Range(0, 4).Select(_ => shmget(IPC_PRIVATE, 1, IPC_CREAT)).ToArray();
        shmctl(ids[1], IPC_RMID, null);
        var again = shmget(IPC_PRIVATE, 1, IPC_CREAT);
        Assert.Equal(4, again); // not 1: the cyclic cursor is past it
        foreach (var id in new[] { ids[0], ids[2], ids[3], again }) shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void An_id_with_a_valid_index_but_another_sequence_number_is_EINVAL() => Sim.Run(() =>
    {
        var q = msgget(IPC_PRIVATE, IPC_CREAT);
        ErrnoAssert.Fails(EINVAL, () => msgctl(q + IPCMNI, IPC_STAT, new MsqidDs()));
        ErrnoAssert.Fails(EINVAL, () => msgctl(q + 5, IPC_STAT, new MsqidDs()));
        msgctl(q, IPC_RMID, null);
    });

    [Fact]
    public void IPC_PRIVATE_objects_are_never_found_by_key() => Sim.Run(() =>
    {
        var q = msgget(IPC_PRIVATE, IPC_CREAT);
        var again = msgget(IPC_PRIVATE, IPC_CREAT);
        Assert.NotEqual(q, again);
        msgctl(q, IPC_RMID, null);
        msgctl(again, IPC_RMID, null);
    });

    [Fact]
    public void The_three_kinds_have_separate_id_spaces_and_keys() => Sim.Run(() =>
    {
        var shm = shmget(0x42, 1, IPC_CREAT);
        var sem = semget(0x42, 1, IPC_CREAT | IPC_EXCL);
        var msg = msgget(0x42, IPC_CREAT | IPC_EXCL);
        Assert.Equal(0, shm);
        Assert.Equal(0, sem);
        Assert.Equal(0, msg);
        shmctl(shm, IPC_RMID, null);
        semctl(sem, 0, IPC_RMID);
        msgctl(msg, IPC_RMID, null);
    });

    [Fact]
    public void The_registry_itself_hands_out_ids_and_makes_keys_private()
    {
        var gate = new object();
        var ids = new IpcIds<MsgQueue>(gate);
        var k = new IpcSim.Kernel();
        var root = k.Init;
        lock (gate)
        {
            var q1 = new MsgQueue(7, 0, 0, 0);
            Assert.Equal(0, ids.Add(q1, 10, root));
            Assert.Same(q1, ids.ObtainCheck(0));
            ids.SetKeyPrivate(q1);
            Assert.Equal(IPC_PRIVATE, q1.Key);
            Assert.Same(q1, ids.ObtainCheck(0)); // still there, just no longer found by key
            var q2 = new MsgQueue(7, 0, 0, 0);
            Assert.Equal(1, ids.Add(q2, 10, root)); // the key is free again
            ids.Remove(q1);
            Assert.True(q1.Deleted);
            Assert.Null(ids.ObtainCheck(0));
            Assert.Equal(1, ids.MaxIndex);
            Assert.Equal(-Libc.ENOSPC, ids.Add(new MsgQueue(8, 0, 0, 0), 1, root));
        }
    }
}
