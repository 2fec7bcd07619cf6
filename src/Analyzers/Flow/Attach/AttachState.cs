using System;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>
/// What is known about one attachment at a program point, over every path that reaches it (after CA2000's
/// DisposeAbstractValueKind). Derived from the set of per-path facts in <see cref="AttachPaths"/>.
/// </summary>
internal enum AttachState
{
    /// <summary>Not an attachment on any path here (not derived from shmat, or only its failure path reaches).</summary>
    Unknown,

    /// <summary>Attached on every path that holds it.</summary>
    Attached,

    /// <summary>Detached by shmdt (or a helper that detaches) on every path.</summary>
    Detached,

    /// <summary>Detached on some paths and still attached (or handed on) on others.</summary>
    MaybeDetached,

    /// <summary>Handed to an owner that outlives the method on every path: returned, stored, kept by a callee.</summary>
    Escaped,
}

/// <summary>The per-path facts of one attachment; the join of two program points is their union.</summary>
[Flags]
internal enum AttachPaths
{
    None = 0,

    /// <summary>On some path the segment is still attached and owned here.</summary>
    Attached = 1,

    /// <summary>On some path shmdt has released it.</summary>
    Detached = 2,

    /// <summary>On some path it was handed on (returned, stored in a field or collection, kept by a callee).</summary>
    Escaped = 4,
}

internal static class AttachPathsExtensions
{
    internal static AttachState ToState(this AttachPaths paths) => paths switch
    {
        AttachPaths.None => AttachState.Unknown,
        AttachPaths.Attached => AttachState.Attached,
        AttachPaths.Detached => AttachState.Detached,
        AttachPaths.Escaped => AttachState.Escaped,
        AttachPaths.Attached | AttachPaths.Escaped => AttachState.Attached,
        _ => AttachState.MaybeDetached,
    };

    internal static bool MayBeAttached(this AttachPaths paths) => (paths & AttachPaths.Attached) != 0;

    internal static bool MayBeDetached(this AttachPaths paths) => (paths & AttachPaths.Detached) != 0;
}
