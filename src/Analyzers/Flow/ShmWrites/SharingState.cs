using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.ShmWrites;

/// <summary>What may have happened on some path before a point (join = union).</summary>
[System.Flags]
internal enum SharingFacts
{
    None = 0,

    /// <summary>fork (or a helper that forks): the child runs alongside.</summary>
    Forked = 1,

    /// <summary>A P: the method takes part in a protocol, so a write is not "before the V that lets the reader in".</summary>
    Acquired = 2,

    /// <summary>A V: the reader may already be in.</summary>
    Released = 4,

    /// <summary>A semop whose sembufs cannot be read: it may be a P; the rule keeps quiet after it.</summary>
    Opaque = 8,
}

/// <summary>
/// <see cref="SharingFlow"/>'s state: the in-process locks held on every path (C# lock, Monitor, Mutex,
/// SemaphoreSlim; join = intersection), the <see cref="SharingFacts"/> of some path, and the IPC_PRIVATE ids that
/// may have been handed on. Immutable.
/// </summary>
internal sealed class SharingState
{
    internal static readonly SharingState Unreachable = new(true, ImmutableHashSet.Create<object>(LockKeyComparer.Instance), SharingFacts.None, ImmutableHashSet.Create<ILocalSymbol>(SymbolEqualityComparer.Default));

    internal static readonly SharingState Entry = new(false, Unreachable.Managed, SharingFacts.None, Unreachable.Published);

    private SharingState(bool isUnreachable, ImmutableHashSet<object> managed, SharingFacts facts, ImmutableHashSet<ILocalSymbol> published)
    {
        IsUnreachable = isUnreachable;
        Managed = managed;
        Facts = facts;
        Published = published;
    }

    internal bool IsUnreachable { get; }

    /// <summary>The lock objects (symbol or flow capture) held on every path.</summary>
    internal ImmutableHashSet<object> Managed { get; }

    internal SharingFacts Facts { get; }

    internal ImmutableHashSet<ILocalSymbol> Published { get; }

    /// <summary>True when any of <paramref name="facts"/> may have happened.</summary>
    internal bool Has(SharingFacts facts) => (Facts & facts) != 0;

    internal SharingState With(SharingFacts facts) => (Facts | facts) == Facts ? this : new(IsUnreachable, Managed, Facts | facts, Published);

    internal SharingState Enter(object key) => new(IsUnreachable, Managed.Add(key), Facts, Published);

    internal SharingState Exit(object key) => new(IsUnreachable, Managed.Remove(key), Facts, Published);

    internal SharingState Publish(ILocalSymbol id) => Published.Contains(id) ? this : new(IsUnreachable, Managed, Facts, Published.Add(id));

    internal static SharingState Join(SharingState left, SharingState right)
    {
        if (left.IsUnreachable) return right;
        if (right.IsUnreachable) return left;
        return new(false, left.Managed.Intersect(right.Managed), left.Facts | right.Facts, left.Published.Union(right.Published));
    }

    internal static bool AreEqual(SharingState left, SharingState right)
        => left.IsUnreachable == right.IsUnreachable && left.Facts == right.Facts
            && left.Managed.SetEquals(right.Managed) && left.Published.SetEquals(right.Published);

    /// <summary>Symbols compare as symbols; flow captures and the unknown-object key by value.</summary>
    private sealed class LockKeyComparer : IEqualityComparer<object>
    {
        internal static readonly LockKeyComparer Instance = new();

        public new bool Equals(object? x, object? y)
            => x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : object.Equals(x, y);

        public int GetHashCode(object obj) => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
    }
}
