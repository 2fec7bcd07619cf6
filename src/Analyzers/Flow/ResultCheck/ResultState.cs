using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>What is known about errno at a point, as the set of possibilities over the paths that reach it.</summary>
[Flags]
internal enum ErrnoFacts
{
    None = 0,

    /// <summary>No errno-setting call yet in this body: errno belongs to the caller; not judged.</summary>
    Unknown = 1,

    /// <summary>The last call's result has not been tested yet.</summary>
    Pending = 2,

    /// <summary>As Pending, but that call came after a failure whose errno it may have overwritten.</summary>
    PendingAfterFailure = 4,

    /// <summary>On the failure side of the last call: errno is that call's.</summary>
    Fresh = 8,

    /// <summary>On the success side of the last call: errno is stale.</summary>
    Stale = 16,
}

/// <summary>
/// The abstract state of <see cref="ResultCheckAnalysis"/> at one program point: which tracked results each
/// location (local, parameter, field, flow capture) may hold, and which results are, on some path,
/// still unchecked, untested, failed without an EINTR test. Immutable; a may-analysis: join is union.
/// </summary>
internal sealed class ResultState
{
    internal static readonly ResultState Unreachable = new(
        true,
        ImmutableDictionary<object, ImmutableHashSet<TrackedResult>>.Empty,
        ImmutableHashSet<TrackedResult>.Empty,
        ImmutableHashSet<TrackedResult>.Empty,
        ImmutableHashSet<TrackedResult>.Empty,
        ImmutableHashSet<TrackedResult>.Empty,
        ImmutableHashSet<TrackedResult>.Empty,
        ErrnoFacts.None);

    internal static readonly ResultState Entry = Unreachable.With(isUnreachable: false, errno: ErrnoFacts.Unknown);

    private ResultState(
        bool isUnreachable,
        ImmutableDictionary<object, ImmutableHashSet<TrackedResult>> values,
        ImmutableHashSet<TrackedResult> @unchecked,
        ImmutableHashSet<TrackedResult> pending,
        ImmutableHashSet<TrackedResult> failedUntested,
        ImmutableHashSet<TrackedResult> maybeFailed,
        ImmutableHashSet<TrackedResult> lastCalls,
        ErrnoFacts errno)
    {
        IsUnreachable = isUnreachable;
        Values = values;
        Unchecked = @unchecked;
        Pending = pending;
        FailedUntested = failedUntested;
        MaybeFailed = maybeFailed;
        LastCalls = lastCalls;
        Errno = errno;
    }

    internal bool IsUnreachable { get; }

    /// <summary>Location (ISymbol or CaptureId) → the results it may hold.</summary>
    internal ImmutableDictionary<object, ImmutableHashSet<TrackedResult>> Values { get; }

    /// <summary>IPC001: never compared with -1 on some path.</summary>
    internal ImmutableHashSet<TrackedResult> Unchecked { get; }

    /// <summary>Called, and not yet branched on (success or failure unknown).</summary>
    internal ImmutableHashSet<TrackedResult> Pending { get; }

    /// <summary>IPC006: on the failure side, and errno not yet tested for EINTR.</summary>
    internal ImmutableHashSet<TrackedResult> FailedUntested { get; }

    /// <summary>On the failure side on some path.</summary>
    internal ImmutableHashSet<TrackedResult> MaybeFailed { get; }

    /// <summary>The last errno-setting call(s).</summary>
    internal ImmutableHashSet<TrackedResult> LastCalls { get; }

    internal ErrnoFacts Errno { get; }

    internal ImmutableHashSet<TrackedResult> ValuesOf(object location)
        => Values.TryGetValue(location, out var set) ? set : ImmutableHashSet<TrackedResult>.Empty;

    internal ResultState WithValue(object location, ImmutableHashSet<TrackedResult> values)
    {
        if (Values.TryGetValue(location, out var current) ? ReferenceEquals(current, values) : values.IsEmpty) return this;
        return With(values: values.IsEmpty ? Values.Remove(location) : Values.SetItem(location, values));
    }

    internal ResultState With(
        bool? isUnreachable = null,
        ImmutableDictionary<object, ImmutableHashSet<TrackedResult>>? values = null,
        ImmutableHashSet<TrackedResult>? @unchecked = null,
        ImmutableHashSet<TrackedResult>? pending = null,
        ImmutableHashSet<TrackedResult>? failedUntested = null,
        ImmutableHashSet<TrackedResult>? maybeFailed = null,
        ImmutableHashSet<TrackedResult>? lastCalls = null,
        ErrnoFacts? errno = null)
    {
        // Most transfers change nothing (a call result that is already checked, a location that already holds the
        // value): hand back the same state rather than a copy, which also makes the fixpoint test cheap.
        if ((isUnreachable ?? IsUnreachable) == IsUnreachable
            && (values is null || ReferenceEquals(values, Values))
            && (@unchecked is null || ReferenceEquals(@unchecked, Unchecked))
            && (pending is null || ReferenceEquals(pending, Pending))
            && (failedUntested is null || ReferenceEquals(failedUntested, FailedUntested))
            && (maybeFailed is null || ReferenceEquals(maybeFailed, MaybeFailed))
            && (lastCalls is null || ReferenceEquals(lastCalls, LastCalls))
            && (errno ?? Errno) == Errno)
        {
            return this;
        }

        return new(
            isUnreachable ?? IsUnreachable,
            values ?? Values,
            @unchecked ?? Unchecked,
            pending ?? Pending,
            failedUntested ?? FailedUntested,
            maybeFailed ?? MaybeFailed,
            lastCalls ?? LastCalls,
            errno ?? Errno);
    }

    internal static ResultState Join(ResultState left, ResultState right)
    {
        if (left.IsUnreachable || ReferenceEquals(left, right)) return right;
        if (right.IsUnreachable) return left;
        var values = left.Values;
        foreach (var pair in right.Values)
        {
            values = values.TryGetValue(pair.Key, out var existing)
                ? values.SetItem(pair.Key, existing.Union(pair.Value))
                : values.Add(pair.Key, pair.Value);
        }

        return new ResultState(
            false,
            values,
            left.Unchecked.Union(right.Unchecked),
            left.Pending.Union(right.Pending),
            left.FailedUntested.Union(right.FailedUntested),
            left.MaybeFailed.Union(right.MaybeFailed),
            left.LastCalls.Union(right.LastCalls),
            left.Errno | right.Errno);
    }

    internal static bool AreEqual(ResultState left, ResultState right)
    {
        if (ReferenceEquals(left, right)) return true;
        if (left.IsUnreachable != right.IsUnreachable || left.Errno != right.Errno) return false;
        if (!left.Unchecked.SetEquals(right.Unchecked) || !left.Pending.SetEquals(right.Pending)
            || !left.FailedUntested.SetEquals(right.FailedUntested) || !left.MaybeFailed.SetEquals(right.MaybeFailed)
            || !left.LastCalls.SetEquals(right.LastCalls) || left.Values.Count != right.Values.Count)
        {
            return false;
        }

        foreach (var pair in left.Values)
        {
            if (!right.Values.TryGetValue(pair.Key, out var other) || !other.SetEquals(pair.Value)) return false;
        }

        return true;
    }
}
