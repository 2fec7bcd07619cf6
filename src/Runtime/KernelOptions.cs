namespace IpcSim;

/// <summary>How a <see cref="Kernel"/> runs: its clock, its standard streams and its watchdog.</summary>
public sealed class KernelOptions
{
    /// <summary>Use the host's real clock instead of the virtual one. Sleeps then take real time.</summary>
    public bool RealClock { get; init; }

    /// <summary>The instant the kernel boots at; the host's time when null.</summary>
    public DateTimeOffset? BootTime { get; init; }

    /// <summary>What stands for stdout (perror and the samples' prints); the console when null.</summary>
    public TextWriter? Stdout { get; init; }

    /// <summary>What stands for stderr; the console when null.</summary>
    public TextWriter? Stderr { get; init; }

    /// <summary>
    /// Wall-clock limit for <see cref="Kernel.Run"/>: past it every process is killed and Run
    /// throws <see cref="SimulationTimeoutException"/>. Null means no limit.
    /// </summary>
    public TimeSpan? Watchdog { get; init; }
}

/// <summary>Every live process of a simulation is blocked and no timer can wake any of them.</summary>
public sealed class SimulationDeadlockException : Exception
{
    public SimulationDeadlockException(string report) : base(report) { }

    public SimulationDeadlockException() { }

    public SimulationDeadlockException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A simulation ran past its <see cref="KernelOptions.Watchdog"/>.</summary>
public sealed class SimulationTimeoutException : Exception
{
    public SimulationTimeoutException(string report) : base(report) { }

    public SimulationTimeoutException() { }

    public SimulationTimeoutException(string message, Exception inner) : base(message, inner) { }
}
