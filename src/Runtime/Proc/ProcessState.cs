namespace IpcSim;

/// <summary>A simulated process's life. Blocked is not a state here: it is "has waiters".</summary>
internal enum ProcessState
{
    Alive,

    /// <summary>Exited, its status kept until the parent reaps it with wait.</summary>
    Zombie,

    Reaped,
}
