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
        var c = msgget(IPC_PRIVATE, IPC_CREAT); // index 0 again, with the next sequence number
        Assert.Equal(IPCMNI, c);
        var ds = new MsqidDs();
        msgctl(c, IPC_STAT, ds);
        Assert.Equal(1, ds.msg_perm.__seq);
        msgctl(b, IPC_RMID, null);
        msgctl(c, IPC_RMID, null);
    });

    [Fact]
    public void A_removed_id_is_not_reused_at_once_and_stays_invalid() => Sim.Run(() =>
    {
        var a = semget(IPC_PRIVATE, 1, IPC_CREAT);
        semctl(a, 0, IPC_RMID);
        var b = semget(IPC_PRIVATE, 1, IPC_CREAT);
        Assert.Equal(a % IPCMNI, b % IPCMNI); // the index is reused
        Assert.NotEqual(a, b);                 // the id is not
        ErrnoAssert.Fails(EINVAL, () => semctl(a, 0, GETVAL));
        semctl(b, 0, IPC_RMID);
    });

    [Fact]
    public void The_lowest_free_index_is_reused_first() => Sim.Run(() =>
    {
        var ids = Enumerable.Range(0, 4).Select(_ => shmget(IPC_PRIVATE, 1, IPC_CREAT)).ToArray();
        shmctl(ids[2], IPC_RMID, null);
        shmctl(ids[1], IPC_RMID, null);
        var again = shmget(IPC_PRIVATE, 1, IPC_CREAT);
        Assert.Equal(1, again % IPCMNI);
        foreach (var id in new[] { ids[0], ids[3], again }) shmctl(id, IPC_RMID, null);
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
