namespace IpcSim.Tests.Scenarios;

using IpcSim.Tests.Kernel;

/// <summary>
/// The EINTR matrix: each blocking call, interrupted by a handler installed with and without
/// SA_RESTART. signal(7): SA_RESTART restarts wait/waitpid and pipe read/write; pause, sleep,
/// nanosleep, sigsuspend and the System V calls always fail with EINTR.
/// To add a call, add one row to <see cref="Calls"/>: how to set it up, and optionally what a
/// sibling does to let a restarted call finish (run 1 s after the signal) and the clean-up.
/// The signaller is a child of the signalled process, so a row must not wait for "any child".
/// </summary>
public class SignalsEintrMatrixTests
{
    public enum Outcome
    {
        Completed,
        Eintr,
        Failed,
    }

    /// <param name="Call">The blocking call, run in the signalled process.</param>
    /// <param name="Complete">Run by the signaller 1 s after the signal: what lets a restarted call finish.</param>
    /// <param name="Cleanup">Run by the signalled process at the end, whatever the outcome.</param>
    public sealed record Arranged(Func<Outcome> Call, Action? Complete = null, Action? Cleanup = null);

    public sealed record InterruptibleCall(string Name, bool RestartsUnderSaRestart, Func<Arranged> Arrange);

    public static readonly InterruptibleCall[] Calls =
    [
        new("waitpid", true, () => WaitForChildExitingAt2s()),
        new("pause", false, () => new(() => Of(pause()))),
        new("sleep", false, () => new(() => sleep(10) == 0 ? Outcome.Completed : Outcome.Eintr)),
        new("nanosleep", false, () => new(() => Of(nanosleep(new Timespec(10, 0), null)))),
        new("usleep", false, () => new(() => Of(usleep(10_000_000)))),
        new("sigsuspend", false, () => new(() => Of(sigsuspend(new SigSet())))),
        new("pipe read", true, () => EmptyPipe((fds) => Of(read(fds[0], new byte[1], 1)), fds => write(fds[1], new byte[1], 1))),
        new("pipe write", true, () => FullPipe()),
        new("semop", false, () => SemaphoreAtZero(id => Of(semop(id, [new Sembuf(0, -1, 0)], 1)))),
        new("semtimedop", false, () => SemaphoreAtZero(id => Of(semtimedop(id, [new Sembuf(0, -1, 0)], 1, new Timespec(60, 0))))),
        new("msgrcv", false, () => Queue(id => Of(msgrcv(id, new MsgBuf(0, 8), 8, 0, 0)), id => msgsnd(id, new MsgBuf(1, 8), 8, 0), fill: false)),
        new("msgsnd", false, () => Queue(id => Of(msgsnd(id, new MsgBuf(1, 8), 8, 0)), id => msgrcv(id, new MsgBuf(0, 8), 8, 0, 0), fill: true)),
    ];

    public static TheoryData<string, bool> Matrix()
    {
        var data = new TheoryData<string, bool>();
        foreach (var call in Calls)
        {
            data.Add(call.Name, true);
            data.Add(call.Name, false);
        }

        return data;
    }

    /// <summary>Turns a C result into an outcome, reading errno.</summary>
    public static Outcome Of(long ret) => ret != -1 ? Outcome.Completed : errno == EINTR ? Outcome.Eintr : Outcome.Failed;

    [Theory]
    [MemberData(nameof(Matrix))]
    public void A_handler_interrupts_the_call_and_SA_RESTART_restarts_only_the_restartable_ones(string name, bool saRestart)
    {
        var row = Calls.Single(c => c.Name == name);
        var expected = saRestart && row.RestartsUnderSaRestart ? Outcome.Completed : Outcome.Eintr;
        var handledIn = new List<int>();
        Outcome outcome = Outcome.Failed;
        Sim.Run(() =>
        {
            Probe.Handle(SIGUSR1, _ => { lock (handledIn) handledIn.Add(getpid()); }, saRestart ? SA_RESTART : 0);
            var target = getpid();
            var arranged = row.Arrange();
            var signaller = fork(() =>
            {
                sleep(1); // the target is blocked by now: the virtual clock moves only then
                kill(target, SIGUSR1);
                sleep(1);
                arranged.Complete?.Invoke();
            });
            outcome = arranged.Call();
            Probe.Reap(signaller);
            arranged.Cleanup?.Invoke();
        });
        Assert.Equal(expected, outcome);
        Assert.Single(handledIn);
    }

    /// <summary>A read from an empty pipe; the sibling's write lets a restarted read finish.</summary>
    private static Arranged EmptyPipe(Func<int[], Outcome> call, Action<int[]> complete)
    {
        var fds = new int[2];
        ErrnoAssert.Succeeds(() => pipe(fds));
        return new(() => call(fds), () => complete(fds), () =>
        {
            close(fds[0]);
            close(fds[1]);
        });
    }

    /// <summary>
    /// A write to a full pipe; the sibling drains a page so a restarted one-byte write fits (Linux
    /// frees pipe space a page buffer at a time, so draining one byte would not be enough there).
    /// </summary>
    private static Arranged FullPipe()
    {
        var fds = new int[2];
        ErrnoAssert.Succeeds(() => pipe(fds));
        Assert.Equal(65536, write(fds[1], new byte[65536], 65536));
        return new(() => Of(write(fds[1], new byte[1], 1)), () => read(fds[0], new byte[4096], 4096), () =>
        {
            close(fds[0]);
            close(fds[1]);
        });
    }

    /// <summary>A P on a semaphore at 0; the sibling's V lets a restarted P finish.</summary>
    private static Arranged SemaphoreAtZero(Func<int, Outcome> call)
    {
        var id = (int)ErrnoAssert.Succeeds(() => semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR));
        return new(() => call(id), () => semop(id, [new Sembuf(0, 1, 0)], 1), () => semctl(id, 0, IPC_RMID));
    }

    /// <summary>A receive from an empty queue, or (fill) a send to a full one; the sibling's opposite call lets a restarted one finish.</summary>
    private static Arranged Queue(Func<int, Outcome> call, Action<int> complete, bool fill)
    {
        var id = (int)ErrnoAssert.Succeeds(() => msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR));
        if (fill)
        {
            var ds = new MsqidDs();
            ErrnoAssert.Succeeds(() => msgctl(id, IPC_STAT, ds));
            ds.msg_qbytes = 8;
            ErrnoAssert.Succeeds(() => msgctl(id, IPC_SET, ds));
            ErrnoAssert.Succeeds(() => msgsnd(id, new MsgBuf(1, 8), 8, 0));
        }

        return new(() => call(id), () => complete(id), () => msgctl(id, IPC_RMID, null));
    }

    private static Arranged WaitForChildExitingAt2s()
    {
        var child = fork(() => { sleep(2); });
        return new(
            () => Of(waitpid(child, out _, 0)),
            Cleanup: () => waitpid(child, out _, 0)); // reaps it after EINTR; ECHILD after a completed wait
    }
}
