using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace IpcAnalyzers.Flow.IdLifetime;

/// <summary>Where a created object stands on one path. Several flags after a join: the paths disagree.</summary>
[Flags]
internal enum CreationStatus
{
    None = 0,

    /// <summary>Created and still owned here: nobody has removed it or taken it over.</summary>
    Live = 1,

    /// <summary>The get call returned -1 on this path: there is no object.</summary>
    Failed = 2,

    /// <summary>IPC_RMID reached it (directly or through a helper).</summary>
    Removed = 4,

    /// <summary>Someone else owns it now: returned, stored, published, handed to a method that keeps it.</summary>
    HandedOver = 8,
}

/// <summary>
/// The lattice of the id-lifetime analysis: for each local, parameter and flow capture, the ids it may hold; for
/// each creation, the union of its statuses over the paths that reach here. Join is union on both.
/// </summary>
internal sealed class IdState
{
    internal static readonly IdState Unreachable = new(
        ImmutableDictionary<object, ImmutableHashSet<IdValue>>.Empty, ImmutableDictionary<Creation, CreationStatus>.Empty, true);

    internal static readonly IdState Entry = new(
        ImmutableDictionary<object, ImmutableHashSet<IdValue>>.Empty, ImmutableDictionary<Creation, CreationStatus>.Empty, false);

    private IdState(
        ImmutableDictionary<object, ImmutableHashSet<IdValue>> values,
        ImmutableDictionary<Creation, CreationStatus> statuses,
        bool isUnreachable)
    {
        Values = values;
        Statuses = statuses;
        IsUnreachable = isUnreachable;
    }

    /// <summary>Keyed by ILocalSymbol, IParameterSymbol or CaptureId.</summary>
    internal ImmutableDictionary<object, ImmutableHashSet<IdValue>> Values { get; }

    internal ImmutableDictionary<Creation, CreationStatus> Statuses { get; }

    internal bool IsUnreachable { get; }

    internal ImmutableHashSet<IdValue> ValuesOf(object key)
        => Values.TryGetValue(key, out var values) ? values : ImmutableHashSet<IdValue>.Empty;

    internal CreationStatus StatusOf(Creation creation) => Statuses.TryGetValue(creation, out var status) ? status : CreationStatus.None;

    /// <summary>The creations that may still be owned and unremoved here.</summary>
    internal IEnumerable<Creation> LiveCreations() => Statuses.Where(p => (p.Value & CreationStatus.Live) != 0).Select(p => p.Key);

    internal IdState WithValue(object key, ImmutableHashSet<IdValue> values)
    {
        if (IsUnreachable) return this;
        var next = values.IsEmpty ? Values.Remove(key) : Values.SetItem(key, values);
        return ReferenceEquals(next, Values) ? this : new IdState(next, Statuses, false);
    }

    internal IdState WithStatus(Creation creation, CreationStatus status)
        => IsUnreachable || StatusOf(creation) == status ? this : new IdState(Values, Statuses.SetItem(creation, status), false);

    internal static IdState Join(IdState left, IdState right)
    {
        if (left.IsUnreachable) return right;
        if (right.IsUnreachable) return left;
        var values = left.Values;
        foreach (var pair in right.Values)
        {
            values = values.SetItem(pair.Key, values.TryGetValue(pair.Key, out var mine) ? mine.Union(pair.Value) : pair.Value);
        }

        var statuses = left.Statuses;
        foreach (var pair in right.Statuses)
        {
            statuses = statuses.SetItem(pair.Key, statuses.TryGetValue(pair.Key, out var mine) ? mine | pair.Value : pair.Value);
        }

        return new IdState(values, statuses, false);
    }

    internal static bool AreEqual(IdState left, IdState right)
    {
        if (ReferenceEquals(left, right)) return true;
        if (left.IsUnreachable != right.IsUnreachable) return false;
        if (left.Values.Count != right.Values.Count || left.Statuses.Count != right.Statuses.Count) return false;
        foreach (var pair in left.Statuses)
        {
            if (!right.Statuses.TryGetValue(pair.Key, out var other) || other != pair.Value) return false;
        }

        foreach (var pair in left.Values)
        {
            if (!right.Values.TryGetValue(pair.Key, out var other) || !other.SetEquals(pair.Value)) return false;
        }

        return true;
    }
}
