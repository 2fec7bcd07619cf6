using Microsoft.CodeAnalysis;

namespace IpcAnalyzers;

/// <summary>Every rule's descriptor. Ids and titles are the contract in RULES.md.</summary>
internal static class Descriptors
{
    internal const string HelpLinkBase = "https://github.com/ipcanalyzers/ipcanalyzers/blob/main/docs/rules/";

    internal static readonly DiagnosticDescriptor IPC001CheckResult = Create(
        id: "IPC001",
        title: "Check the result of an IPC call",
        messageFormat: "{0}; compare it with -1",
        category: Categories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "Every call in this list reports failure by returning -1 and setting errno. A result that is discarded, or used as an id, address, length or descriptor on a path where it was never compared with -1, turns a failure into a wrong id or a bad address later.");

    internal static readonly DiagnosticDescriptor IPC002ShmatFailsWithMinusOne = Create(
        id: "IPC002",
        title: "shmat fails with (nint)-1, not 0",
        messageFormat: "shmat returns (nint)-1 on failure, never {0}; compare the address with -1",
        category: Categories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "shmat reports failure with (void *)-1, as C does. Comparing its result with 0, IntPtr.Zero or null never detects a failure, and the bad address is used.");

    internal static readonly DiagnosticDescriptor IPC003DetachWhatYouAttach = Create(
        id: "IPC003",
        title: "Detach what you attach",
        messageFormat: "The address from shmat is not detached on every path: {0}; call shmdt in a finally",
        category: Categories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "An attachment that does not reach shmdt on some path keeps the segment mapped, and a segment marked for removal is never destroyed while it stays attached.");

    internal static readonly DiagnosticDescriptor IPC004RemoveWhatYouCreate = Create(
        id: "IPC004",
        title: "Remove the IPC objects you create",
        messageFormat: "The {0} created here never reaches IPC_RMID on some path; remove it when it is no longer needed",
        category: Categories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "System V IPC objects outlive the process that created them. An object created with IPC_CREAT or IPC_PRIVATE that is never removed with IPC_RMID leaks until reboot or ipcrm.",
        customTags: WellKnownDiagnosticTags.CompilationEnd); // reported once every removal in the compilation is known

    internal static readonly DiagnosticDescriptor IPC005SynchroniseShmWrites = Create(
        id: "IPC005",
        title: "Synchronise writes to shared memory",
        messageFormat: "Write through '{0}' is not inside a critical section: no semop P on a semaphore dominates it",
        category: Categories.Concurrency,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "Shared memory gives no ordering between the processes that attach it. A write that no semaphore or other lock orders with the other attachers races with them.");

    internal static readonly DiagnosticDescriptor IPC006RetryOnEintr = Create(
        id: "IPC006",
        title: "Retry on EINTR",
        messageFormat: "{0} can be interrupted by a signal, and its -1 is handled without testing errno for EINTR; retry while errno == EINTR",
        category: Categories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "A blocking call that a signal handler interrupts fails with EINTR. SA_RESTART never restarts semop, semtimedop, msgsnd or msgrcv (signal(7)), so code that treats that -1 as a real failure gives up on a call it should repeat.");

    internal static readonly DiagnosticDescriptor IPC007NoAccessAfterShmdt = Create(
        id: "IPC007",
        title: "No access after shmdt",
        messageFormat: "'{0}' was detached by shmdt; this access faults",
        category: Categories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "After shmdt the address range is no longer mapped; a read or write through it (or a second shmdt) delivers SIGSEGV or fails with EINVAL.");

    internal static readonly DiagnosticDescriptor IPC008ReleaseWhatYouAcquire = Create(
        id: "IPC008",
        title: "Release what you acquire",
        messageFormat: "The semaphore acquired here is not released on every path: {0}; release it in a finally",
        category: Categories.Concurrency,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "A lock taken with a semop P must be released with a V on every path out, exceptions included, or every other process waits forever.");

    internal static readonly DiagnosticDescriptor IPC009PermissionsOpenToEveryUser = Create(
        id: "IPC009",
        title: "IPC permissions open to every user",
        messageFormat: "The mode {0} lets every user {1} this object; narrow it to owner and group",
        category: Categories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "Mode bits S_IROTH and S_IWOTH let any user on the machine read or change the object.");

    internal static readonly DiagnosticDescriptor IPC010NoOctalLiterals = Create(
        id: "IPC010",
        title: "C# has no octal literals",
        messageFormat: "'{0}' is the decimal {1}, not octal; write {2}",
        category: Categories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "A leading 0 does not make a C# literal octal: 0666 is decimal 666 (0o1232), which even sets IPC_CREAT.");

    internal static readonly DiagnosticDescriptor IPC011RacySemaphoreInitialisation = Create(
        id: "IPC011",
        title: "Racy semaphore initialisation",
        messageFormat: "semget creates the set without IPC_EXCL and then initialises it unconditionally; a second process resets a semaphore in use",
        category: Categories.Concurrency,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "Only the process that created the set may initialise it: create with IPC_CREAT | IPC_EXCL and initialise only when that succeeds.");

    internal static readonly DiagnosticDescriptor IPC012ErrnoWithoutFailure = Create(
        id: "IPC012",
        title: "errno read without a failure",
        messageFormat: "{0} is read where {1}; errno is only meaningful right after a call returned -1",
        category: Categories.Usage,
        defaultSeverity: DiagnosticSeverity.Info,
        description: "errno is set by a failing call and left alone by successful ones. Read it only on the path where the last call returned -1, before another call can change it.");

    internal static readonly DiagnosticDescriptor IPC013MessageSizeExcludesMtype = Create(
        id: "IPC013",
        title: "Message size excludes mtype",
        messageFormat: "msgsz {0}; pass the length of mtext",
        category: Categories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "msgsz counts the bytes of mtext only, not the long mtype in front of it.");

    internal static readonly DiagnosticDescriptor IPC014CloseUnusedPipeEnd = Create(
        id: "IPC014",
        title: "Close the unused pipe end",
        messageFormat: "After fork the {0} does not use {1}; close it so that the reader sees end of file",
        category: Categories.Reliability,
        defaultSeverity: DiagnosticSeverity.Info,
        description: "A pipe's reader sees end of file only when every write end is closed, in every process.");

    internal static readonly DiagnosticDescriptor IPC015UseSemUndoOnLock = Create(
        id: "IPC015",
        title: "Use SEM_UNDO on a lock",
        messageFormat: "This P takes a lock without SEM_UNDO; a process that dies holding it blocks everyone",
        category: Categories.Concurrency,
        defaultSeverity: DiagnosticSeverity.Info,
        description: "With SEM_UNDO the kernel undoes the operation when the process exits, so a crash does not leave the lock held.");

    internal static readonly DiagnosticDescriptor IPC016PreferSigaction = Create(
        id: "IPC016",
        title: "Prefer sigaction; keep handlers async-signal-safe",
        messageFormat: "{0}",
        category: Categories.Reliability,
        defaultSeverity: DiagnosticSeverity.Info,
        description: "signal() has historically varying semantics; sigaction states them. A handler may call only async-signal-safe functions.");

    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description,
        bool isEnabledByDefault = true,
        params string[] customTags)
    {
#pragma warning disable RS0030 // the one sanctioned call of the constructor
        return new DiagnosticDescriptor(id, title, messageFormat, category, defaultSeverity, isEnabledByDefault,
            description, helpLinkUri: HelpLinkBase + id + ".md", customTags);
#pragma warning restore RS0030
    }
}
