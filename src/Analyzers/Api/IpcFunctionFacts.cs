using System;
using System.Collections.Generic;

namespace IpcAnalyzers.Api;

/// <summary>What the man pages say about each <see cref="IpcFunction"/>: its C parameters and how it fails.</summary>
internal static class IpcFunctionFacts
{
    private static readonly Dictionary<string, IpcFunction> ByName = BuildByName();

    private static readonly Dictionary<string, IpcFunction> ByNameIgnoringCase = new(ByName, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<IpcFunction, string[]> Parameters = new()
    {
        [IpcFunction.ftok] = ["pathname", "proj_id"],
        [IpcFunction.shmget] = ["key", "size", "shmflg"],
        [IpcFunction.shmat] = ["shmid", "shmaddr", "shmflg"],
        [IpcFunction.shmdt] = ["shmaddr"],
        [IpcFunction.shmctl] = ["shmid", "cmd", "buf"],
        [IpcFunction.semget] = ["key", "nsems", "semflg"],
        [IpcFunction.semop] = ["semid", "sops", "nsops"],
        [IpcFunction.semtimedop] = ["semid", "sops", "nsops", "timeout"],
        [IpcFunction.semctl] = ["semid", "semnum", "cmd", "arg"],
        [IpcFunction.msgget] = ["key", "msgflg"],
        [IpcFunction.msgsnd] = ["msqid", "msgp", "msgsz", "msgflg"],
        [IpcFunction.msgrcv] = ["msqid", "msgp", "msgsz", "msgtyp", "msgflg"],
        [IpcFunction.msgctl] = ["msqid", "cmd", "buf"],
        [IpcFunction.pipe] = ["pipefd"],
        [IpcFunction.pipe2] = ["pipefd", "flags"],
        [IpcFunction.mkfifo] = ["pathname", "mode"],
        [IpcFunction.open] = ["pathname", "flags", "mode"],
        [IpcFunction.read] = ["fd", "buf", "count"],
        [IpcFunction.write] = ["fd", "buf", "count"],
        [IpcFunction.close] = ["fd"],
        [IpcFunction.dup] = ["oldfd"],
        [IpcFunction.dup2] = ["oldfd", "newfd"],
        [IpcFunction.fcntl] = ["fd", "cmd", "arg"],
        [IpcFunction.unlink] = ["pathname"],
        [IpcFunction.exit] = ["status"],
        [IpcFunction._exit] = ["status"],
        [IpcFunction.wait] = ["wstatus"],
        [IpcFunction.waitpid] = ["pid", "wstatus", "options"],
        [IpcFunction.setuid] = ["uid"],
        [IpcFunction.setgid] = ["gid"],
        [IpcFunction.kill] = ["pid", "sig"],
        [IpcFunction.raise] = ["sig"],
        [IpcFunction.sigaction] = ["signum", "act", "oldact"],
        [IpcFunction.signal] = ["signum", "handler"],
        [IpcFunction.sigprocmask] = ["how", "set", "oldset"],
        [IpcFunction.sigsuspend] = ["mask"],
        [IpcFunction.alarm] = ["seconds"],
        [IpcFunction.sigemptyset] = ["set"],
        [IpcFunction.sigfillset] = ["set"],
        [IpcFunction.sigaddset] = ["set", "signum"],
        [IpcFunction.sigdelset] = ["set", "signum"],
        [IpcFunction.sigismember] = ["set", "signum"],
        [IpcFunction.sleep] = ["seconds"],
        [IpcFunction.usleep] = ["usec"],
        [IpcFunction.nanosleep] = ["req", "rem"],
        [IpcFunction.perror] = ["s"],
        [IpcFunction.strerror] = ["errnum"],
    };

    internal static bool TryParse(string name, out IpcFunction function) => ByName.TryGetValue(name, out function);

    internal static bool IsName(string name) => ByName.ContainsKey(name);

    /// <summary>A declaration that may be an extern of a libc function: its name, in any case (SemGet, ShmAt).</summary>
    internal static bool MayBeExternName(string name) => ByNameIgnoringCase.ContainsKey(name);

    /// <summary>The C prototype's parameter names, in order.</summary>
    internal static IReadOnlyList<string> CParameters(this IpcFunction function)
        => Parameters.TryGetValue(function, out var names) ? names : [];

    /// <summary>The functions RULES.md lists for IPC001: they report failure with -1 (shmat with (void*)-1).</summary>
    internal static bool ReportsFailureWithMinusOne(this IpcFunction function) => function switch
    {
        IpcFunction.shmget or IpcFunction.shmat or IpcFunction.shmdt or IpcFunction.shmctl
            or IpcFunction.semget or IpcFunction.semop or IpcFunction.semtimedop or IpcFunction.semctl
            or IpcFunction.msgget or IpcFunction.msgsnd or IpcFunction.msgrcv or IpcFunction.msgctl
            or IpcFunction.ftok or IpcFunction.pipe or IpcFunction.pipe2 or IpcFunction.mkfifo
            or IpcFunction.open or IpcFunction.read or IpcFunction.write or IpcFunction.close
            or IpcFunction.dup or IpcFunction.dup2 or IpcFunction.fcntl or IpcFunction.unlink
            or IpcFunction.fork or IpcFunction.wait or IpcFunction.waitpid or IpcFunction.kill
            or IpcFunction.raise or IpcFunction.sigaction or IpcFunction.sigprocmask
            or IpcFunction.setuid or IpcFunction.setgid => true,
        _ => false,
    };

    /// <summary>Calls that may write errno: a read of errno after one of them refers to it, not to an earlier failure.</summary>
    internal static bool SetsErrno(this IpcFunction function) => function.ReportsFailureWithMinusOne() || function switch
    {
        IpcFunction.sigsuspend or IpcFunction.pause or IpcFunction.usleep or IpcFunction.nanosleep
            or IpcFunction.sigemptyset or IpcFunction.sigfillset or IpcFunction.sigaddset
            or IpcFunction.sigdelset or IpcFunction.sigismember => true,
        _ => false,
    };

    /// <summary>Calls that never return to the caller.</summary>
    internal static bool NeverReturns(this IpcFunction function) => function is IpcFunction.exit or IpcFunction._exit;

    private static Dictionary<string, IpcFunction> BuildByName()
    {
        var map = new Dictionary<string, IpcFunction>(StringComparer.Ordinal);
        foreach (IpcFunction f in Enum.GetValues(typeof(IpcFunction)))
        {
            if (f != IpcFunction.None) map[f.ToString()] = f;
        }

        return map;
    }
}
