namespace IpcAnalyzers.Tests.Meta;

/// <summary>The table of RULES.md (the contract), hard-coded so that a drift in either place fails a test.</summary>
internal static class RulesCatalogue
{
    internal static readonly IReadOnlyDictionary<string, (string Title, string Severity)> Rules = new Dictionary<string, (string, string)>
    {
        ["IPC001"] = ("Check the result of an IPC call", "Warning"),
        ["IPC002"] = ("shmat fails with (nint)-1, not 0", "Warning"),
        ["IPC003"] = ("Detach what you attach", "Warning"),
        ["IPC004"] = ("Remove the IPC objects you create", "Warning"),
        ["IPC005"] = ("Synchronise writes to shared memory", "Warning"),
        ["IPC006"] = ("Retry on EINTR", "Warning"),
        ["IPC007"] = ("No access after shmdt", "Warning"),
        ["IPC008"] = ("Release what you acquire", "Warning"),
        ["IPC009"] = ("IPC permissions open to every user", "Warning"),
        ["IPC010"] = ("C# has no octal literals", "Warning"),
        ["IPC011"] = ("Racy semaphore initialisation", "Warning"),
        ["IPC012"] = ("errno read without a failure", "Info"),
        ["IPC013"] = ("Message size excludes mtype", "Warning"),
        ["IPC014"] = ("Close the unused pipe end", "Info"),
        ["IPC015"] = ("Use SEM_UNDO on a lock", "Info"),
        ["IPC016"] = ("Prefer sigaction; keep handlers async-signal-safe", "Info"),
    };
}
