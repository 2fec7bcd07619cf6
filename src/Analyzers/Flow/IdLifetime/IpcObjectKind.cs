using IpcAnalyzers.Api;

namespace IpcAnalyzers.Flow.IdLifetime;

/// <summary>The three kinds of System V object: each has its get call and its ctl call.</summary>
internal enum IpcObjectKind
{
    SharedMemory,
    SemaphoreSet,
    MessageQueue,
}

/// <summary>The facts that differ between the kinds: which call makes one, which removes it, what it is called.</summary>
internal static class IpcObjectKinds
{
    internal static bool TryFromGet(IpcFunction function, out IpcObjectKind kind)
    {
        kind = function switch
        {
            IpcFunction.semget => IpcObjectKind.SemaphoreSet,
            IpcFunction.msgget => IpcObjectKind.MessageQueue,
            _ => IpcObjectKind.SharedMemory,
        };
        return function is IpcFunction.shmget or IpcFunction.semget or IpcFunction.msgget;
    }

    internal static bool TryFromCtl(IpcFunction function, out IpcObjectKind kind)
    {
        kind = function switch
        {
            IpcFunction.semctl => IpcObjectKind.SemaphoreSet,
            IpcFunction.msgctl => IpcObjectKind.MessageQueue,
            _ => IpcObjectKind.SharedMemory,
        };
        return function is IpcFunction.shmctl or IpcFunction.semctl or IpcFunction.msgctl;
    }

    /// <summary>The C parameter of the get call that carries IPC_CREAT.</summary>
    internal static string FlagsParameter(this IpcObjectKind kind) => kind switch
    {
        IpcObjectKind.SemaphoreSet => "semflg",
        IpcObjectKind.MessageQueue => "msgflg",
        _ => "shmflg",
    };

    /// <summary>The C parameter of the ctl call that names the object.</summary>
    internal static string IdParameter(this IpcObjectKind kind) => kind switch
    {
        IpcObjectKind.SemaphoreSet => "semid",
        IpcObjectKind.MessageQueue => "msqid",
        _ => "shmid",
    };

    internal static IpcFunction CtlFunction(this IpcObjectKind kind) => kind switch
    {
        IpcObjectKind.SemaphoreSet => IpcFunction.semctl,
        IpcObjectKind.MessageQueue => IpcFunction.msgctl,
        _ => IpcFunction.shmctl,
    };

    internal static string Describe(this IpcObjectKind kind) => kind switch
    {
        IpcObjectKind.SemaphoreSet => "semaphore set",
        IpcObjectKind.MessageQueue => "message queue",
        _ => "shared memory segment",
    };
}
