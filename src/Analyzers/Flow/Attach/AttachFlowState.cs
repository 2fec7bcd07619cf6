using System.Collections.Immutable;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>
/// The abstract state of <see cref="AttachAnalysis"/> at one program point: which attachments each location (local,
/// parameter, field or property of this type, flow capture) may hold, and for each attachment the set of per-path
/// facts (<see cref="AttachPaths"/>). Immutable; join is union on both maps.
/// </summary>
internal sealed class AttachFlowState
{
    internal static readonly AttachFlowState Unreachable = new(
        true,
        ImmutableDictionary<object, ImmutableHashSet<Attachment>>.Empty,
        ImmutableDictionary<Attachment, AttachPaths>.Empty);

    internal static readonly AttachFlowState Entry = new(
        false,
        ImmutableDictionary<object, ImmutableHashSet<Attachment>>.Empty,
        ImmutableDictionary<Attachment, AttachPaths>.Empty);

    private AttachFlowState(
        bool isUnreachable,
        ImmutableDictionary<object, ImmutableHashSet<Attachment>> values,
        ImmutableDictionary<Attachment, AttachPaths> paths)
    {
        IsUnreachable = isUnreachable;
        Values = values;
        Paths = paths;
    }

    internal bool IsUnreachable { get; }

    /// <summary>Location (ISymbol or CaptureId) → the attachments its value may derive from.</summary>
    internal ImmutableDictionary<object, ImmutableHashSet<Attachment>> Values { get; }

    /// <summary>Attachment → what may have happened to it on the paths that reach here.</summary>
    internal ImmutableDictionary<Attachment, AttachPaths> Paths { get; }

    internal ImmutableHashSet<Attachment> ValuesOf(object location)
        => Values.TryGetValue(location, out var set) ? set : ImmutableHashSet<Attachment>.Empty;

    internal AttachPaths PathsOf(Attachment attachment)
        => Paths.TryGetValue(attachment, out var paths) ? paths : AttachPaths.None;

    /// <summary>The combined facts of every attachment a value may derive from.</summary>
    internal AttachPaths PathsOf(ImmutableHashSet<Attachment> values)
    {
        var paths = AttachPaths.None;
        foreach (var value in values) paths |= PathsOf(value);
        return paths;
    }

    internal AttachFlowState WithValue(object location, ImmutableHashSet<Attachment> values)
        => new(IsUnreachable, values.IsEmpty ? Values.Remove(location) : Values.SetItem(location, values), Paths);

    internal AttachFlowState WithPaths(Attachment attachment, AttachPaths paths)
        => new(IsUnreachable, Values, paths == AttachPaths.None ? Paths.Remove(attachment) : Paths.SetItem(attachment, paths));

    internal static AttachFlowState Join(AttachFlowState left, AttachFlowState right)
    {
        if (left.IsUnreachable) return right;
        if (right.IsUnreachable) return left;
        if (ReferenceEquals(left, right)) return left;
        var values = left.Values;
        foreach (var pair in right.Values)
        {
            values = values.TryGetValue(pair.Key, out var existing)
                ? values.SetItem(pair.Key, existing.Union(pair.Value))
                : values.Add(pair.Key, pair.Value);
        }

        var paths = left.Paths;
        foreach (var pair in right.Paths)
        {
            paths = paths.SetItem(pair.Key, (paths.TryGetValue(pair.Key, out var existing) ? existing : AttachPaths.None) | pair.Value);
        }

        return new AttachFlowState(false, values, paths);
    }

    internal static bool AreEqual(AttachFlowState left, AttachFlowState right)
    {
        if (ReferenceEquals(left, right)) return true;
        if (left.IsUnreachable != right.IsUnreachable || left.Values.Count != right.Values.Count || left.Paths.Count != right.Paths.Count)
        {
            return false;
        }

        foreach (var pair in left.Paths)
        {
            if (!right.Paths.TryGetValue(pair.Key, out var other) || other != pair.Value) return false;
        }

        foreach (var pair in left.Values)
        {
            if (!right.Values.TryGetValue(pair.Key, out var other) || !other.SetEquals(pair.Value)) return false;
        }

        return true;
    }
}
