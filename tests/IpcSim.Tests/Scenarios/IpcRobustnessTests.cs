namespace IpcSim.Tests.Scenarios;

public class IpcRobustnessTests
{
    private static readonly int[] Ints = { int.MinValue, -32769, -1, 0, 1, 2, 3, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 32767, 32768, 65536, int.MaxValue };
    private static readonly long[] Longs = { long.MinValue, int.MinValue, -4097, -1, 0, 1, 4095, 4096, 8193, SHMMAX, long.MaxValue };
    private static readonly int[] Flags = { 0, -1, IPC_CREAT, IPC_CREAT | IPC_EXCL, IPC_NOWAIT, SHM_RDONLY, SHM_RND, SEM_UNDO, MSG_NOERROR | MSG_EXCEPT, MSG_COPY, int.MinValue, int.MaxValue };

    [Fact]
    public void Every_IPC_call_with_hostile_arguments_returns_an_errno_and_leaves_the_kernel_consistent() => Sim.Run(() =>
    {
        var k = SimProcess.Current.Kernel;
        var failures = new List<string>();
        void Call(string what, Func<long> call)
        {
            try
            {
                call();
            }
            catch (Exception e) when (e is not ProcessExitException)
            {
                failures.Add(what + ": " + e.GetType().Name + " " + e.Message);
            }
        }

        // Some live objects (their ids are "valid" hostile arguments) and some stale ids.
        var shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0b110_110_110);
        var sem = semget(IPC_PRIVATE, 3, IPC_CREAT | 0b110_110_110);
        var msg = msgget(IPC_PRIVATE, IPC_CREAT | 0b110_110_110);
        var staleShm = shmget(IPC_PRIVATE, 1, IPC_CREAT);
        shmctl(staleShm, IPC_RMID, null);
        var ids = Ints.Concat(new[] { shm, sem, msg, staleShm, shm + IPCMNI }).Distinct().ToArray();

        foreach (var id in ids)
        {
            foreach (var size in Longs)
            {
                foreach (var flag in Flags)
                {
                    Call($"shmget({id}, {size}, {flag})", () => shmget(id, size, flag));
                    Call($"shmat({id}, {size}, {flag})", () => shmat(id, (nint)size, flag));
                    Call($"msgsnd({id}, {size}, {flag})", () => msgsnd(id, new MsgBuf(size, 16), size, flag | IPC_NOWAIT));
                    Call($"msgsnd({id}, null)", () => msgsnd(id, null!, size, flag | IPC_NOWAIT));
                    Call($"msgrcv({id}, {size}, {flag})", () => msgrcv(id, new MsgBuf(0, 16), size, size, flag | IPC_NOWAIT));
                    Call($"msgrcv({id}, null)", () => msgrcv(id, null!, size, -size, flag | IPC_NOWAIT));
                }

                Call($"shmdt({size})", () => shmdt((nint)size));
                Call($"semtimedop({id}, {size})", () => semtimedop(id, new[] { new Sembuf(0, -1, 0) }, 1, new Timespec(size, size)));
                Call($"semop({id}, nsops {size})", () => semop(id, new[] { new Sembuf(0, 1, IPC_NOWAIT) }, size));
            }

            foreach (var n in Ints)
            {
                foreach (var flag in Flags)
                {
                    Call($"semget({id}, {n}, {flag})", () => semget(id, n, flag));
                    Call($"msgget({id}, {flag})", () => msgget(id, flag));
                    Call($"semop({id}, [{n},{flag}])", () => semop(id, new[] { new Sembuf(n, n, flag | IPC_NOWAIT) }, 1));
                }

                foreach (var cmd in Ints)
                {
                    Call($"shmctl({id}, {cmd}, ds)", () => shmctl(id, cmd, new ShmidDs { shm_perm = null! }));
                    Call($"shmctl({id}, {cmd}, null)", () => shmctl(id, cmd, null));
                    Call($"shmctl({id}, {cmd}, out)", () => shmctl(id, cmd, out Shminfo _));
                    Call($"msgctl({id}, {cmd}, null)", () => msgctl(id, cmd, null));
                    Call($"msgctl({id}, {cmd}, ds)", () => msgctl(id, cmd, new MsqidDs { msg_perm = null!, msg_qbytes = ulong.MaxValue }));
                    Call($"msgctl({id}, {cmd}, out)", () => msgctl(id, cmd, out Msginfo _));
                    Call($"semctl({id}, {n}, {cmd})", () => semctl(id, n, cmd));
                    Call($"semctl({id}, {n}, {cmd}, val)", () => semctl(id, n, cmd, n));
                    Call($"semctl({id}, {n}, {cmd}, null array)", () => semctl(id, n, cmd, (ushort[])null!));
                    Call($"semctl({id}, {n}, {cmd}, short array)", () => semctl(id, n, cmd, new ushort[] { 65535 }));
                    Call($"semctl({id}, {n}, {cmd}, null ds)", () => semctl(id, n, cmd, (SemidDs)null!));
                    Call($"semctl({id}, {n}, {cmd}, ds)", () => semctl(id, n, cmd, new SemidDs { sem_perm = null! }));
                    Call($"semctl({id}, {n}, {cmd}, out)", () => semctl(id, n, cmd, out Seminfo _));
                }
            }

            Call($"semop({id}, null)", () => semop(id, null!, 1));
            Call($"semtimedop({id}, bad timespec)", () => semtimedop(id, new Sembuf[1], 1, new Timespec(long.MaxValue, long.MaxValue)));
            Call($"semtimedop({id}, huge timeout)", () => semtimedop(id, new[] { new Sembuf(0, 1, 0) }, 1, new Timespec(long.MaxValue, 999_999_999)));
            Call($"msgsnd({id}, null mtext)", () => msgsnd(id, new MsgBuf { mtype = 1, mtext = null! }, 1, IPC_NOWAIT));
        }

        Call("setuid(-1)", () => setuid(uint.MaxValue));
        Call("setgid(-1)", () => setgid(uint.MaxValue));
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));

        // The kernel is still consistent: its bookkeeping matches its objects and ipcs works.
        lock (k.Gate)
        {
            Assert.Equal(k.Shm.Ids.All.Sum(s => s.PageCount), k.Shm.TotalPages);
            Assert.Equal(k.Sem.Ids.All.Sum(s => s.NSems), k.Sem.UsedSems);
            foreach (var q in k.Msg.Ids.All)
            {
                Assert.Equal(q.Messages.Sum(m => (long)m.Text.Length), q.CBytes);
                Assert.Equal(0, q.Receivers.Count + q.Senders.Count);
            }

            foreach (var s in k.Sem.Ids.All) Assert.All(s.Values, v => Assert.InRange(v, 0, SEMVMX));
        }

        Assert.NotEmpty(k.Ipcs());
        RemoveEverything();
        var fresh = shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
        var addr = shmat(fresh, 0, 0);
        Mem.Write(addr, 1);
        shmdt(addr);
        shmctl(fresh, IPC_RMID, null);
        lock (k.Gate)
        {
            Assert.Equal(0, k.Shm.TotalPages);
            Assert.Equal(0, k.Sem.UsedSems);
        }
    });

    /// <summary>ipcrm -a: walk the indexes with *_STAT and remove whatever is there, detaching first.</summary>
    private static void RemoveEverything()
    {
        var space = SimProcess.Current.AddressSpaceIfAny;
        foreach (var a in space?.Attachments ?? Array.Empty<Attachment>()) ErrnoAssert.Succeeds(() => shmdt((nint)a.Start));
        for (var i = shmctl(0, IPC_INFO, out Shminfo _); i >= 0; i--)
        {
            var id = shmctl(i, SHM_STAT, new ShmidDs());
            if (id >= 0) ErrnoAssert.Succeeds(() => shmctl(id, IPC_RMID, null));
        }

        for (var i = semctl(0, 0, IPC_INFO, out Seminfo _); i >= 0; i--)
        {
            var id = semctl(i, 0, SEM_STAT, new SemidDs());
            if (id >= 0) ErrnoAssert.Succeeds(() => semctl(id, 0, IPC_RMID));
        }

        for (var i = msgctl(0, IPC_INFO, out Msginfo _); i >= 0; i--)
        {
            var id = msgctl(i, MSG_STAT, new MsqidDs());
            if (id >= 0) ErrnoAssert.Succeeds(() => msgctl(id, IPC_RMID, null));
        }
    }
}
