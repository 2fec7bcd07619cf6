namespace IpcSim.Tests.Ipc;

public class CredentialsTests
{
    [Fact]
    public void Every_process_starts_as_root() => Sim.Run(() =>
    {
        Assert.Equal(0u, getuid());
        Assert.Equal(0u, geteuid());
        Assert.Equal(0u, getgid());
        Assert.Equal(0u, getegid());
    });

    [Fact]
    public void Setuid_as_root_sets_real_effective_and_saved_ids_so_root_is_gone_for_good() => Sim.Run(() =>
        Children.WaitAllSucceeded(Children.Start(() =>
        {
            ErrnoAssert.Succeeds(() => setuid(Users.Alice));
            Assert.Equal(Users.Alice, getuid());
            Assert.Equal(Users.Alice, geteuid());
            ErrnoAssert.Fails(EPERM, () => setuid(0));
            ErrnoAssert.Fails(EPERM, () => setuid(Users.Bob));
            ErrnoAssert.Succeeds(() => setuid(Users.Alice)); // to the real id: allowed
            ErrnoAssert.Fails(EPERM, () => setgid(5));      // no CAP_SETGID any more
        })));

    [Fact]
    public void Setgid_as_root_sets_the_group_ids() => Sim.Run(() =>
        Children.WaitAllSucceeded(Children.Start(() =>
        {
            ErrnoAssert.Succeeds(() => setgid(Users.Staff));
            Assert.Equal(Users.Staff, getgid());
            Assert.Equal(Users.Staff, getegid());
            ErrnoAssert.Succeeds(() => setgid(Users.Others)); // still root
            ErrnoAssert.Succeeds(() => setuid(Users.Alice));
            ErrnoAssert.Succeeds(() => setgid(Users.Others)); // to the real gid: allowed
            ErrnoAssert.Fails(EPERM, () => setgid(Users.Staff)); // the saved gid was overwritten too
        })));

    [Fact]
    public void Setuid_and_setgid_of_minus_one_fail_with_EINVAL() => Sim.Run(() =>
    {
        ErrnoAssert.Fails(EINVAL, () => setuid(uint.MaxValue));
        ErrnoAssert.Fails(EINVAL, () => setgid(uint.MaxValue));
    });

    [Fact]
    public void A_child_inherits_its_parents_credentials() => Sim.Run(() =>
        Children.WaitAllSucceeded(Children.Start(() =>
        {
            Users.Become(Users.Alice, Users.Staff);
            Children.WaitAllSucceeded(Children.Start(() =>
            {
                Assert.Equal(Users.Alice, geteuid());
                Assert.Equal(Users.Staff, getegid());
            }));
        })));

    [Fact]
    public void Objects_created_after_setuid_are_owned_by_the_new_user() => Sim.Run(() =>
    {
        var id = -1;
        Users.RunAs(Users.Alice, Users.Staff, () => id = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR));
        var ds = new MsqidDs();
        msgctl(id, IPC_STAT, ds);
        Assert.Equal(Users.Alice, ds.msg_perm.uid);
        Assert.Equal(Users.Alice, ds.msg_perm.cuid);
        Assert.Equal(Users.Staff, ds.msg_perm.gid);
        Assert.Equal(Users.Staff, ds.msg_perm.cgid);
        msgctl(id, IPC_RMID, null); // root bypasses the ownership check
    });
}
