using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>
/// The abstract state of <see cref="SemHoldAnalysis"/> at one program point. For each semaphore: the P's that may
/// still hold it on some path (may, join = union) and whether some P holds it on every path with no V of it since
/// (must, join = intersection). It also carries what the P's need: which locations hold a semop result not yet
/// tested (so that the failure side of a test can undo the P), and the contents of local sembuf arrays and
/// structs, which C-style code fills element by element. Immutable.
/// </summary>
internal sealed class HoldState
{
    internal static readonly HoldState Unreachable = new(
        true,
        ImmutableDictionary<SemKey, ImmutableHashSet<Acquisition>>.Empty,
        ImmutableHashSet<SemKey>.Empty,
        ImmutableDictionary<object, ImmutableHashSet<Acquisition>>.Empty,
        ImmutableDictionary<object, ImmutableArray<SembufValue?>>.Empty);

    internal static readonly HoldState Entry = Unreachable.With(isUnreachable: false);

    private HoldState(
        bool isUnreachable,
        ImmutableDictionary<SemKey, ImmutableHashSet<Acquisition>> mayHeld,
        ImmutableHashSet<SemKey> mustHeld,
        ImmutableDictionary<object, ImmutableHashSet<Acquisition>> results,
        ImmutableDictionary<object, ImmutableArray<SembufValue?>> sembufs)
    {
        IsUnreachable = isUnreachable;
        MayHeld = mayHeld;
        MustHeld = mustHeld;
        Results = results;
        Sembufs = sembufs;
    }

    internal bool IsUnreachable { get; }

    /// <summary>Semaphore → the P's that hold it on some path reaching here.</summary>
    internal ImmutableDictionary<SemKey, ImmutableHashSet<Acquisition>> MayHeld { get; }

    /// <summary>Semaphores that some P holds on every path reaching here, with no V of them since.</summary>
    internal ImmutableHashSet<SemKey> MustHeld { get; }

    /// <summary>Location (ISymbol or CaptureId) → the P's whose call result it may hold.</summary>
    internal ImmutableDictionary<object, ImmutableHashSet<Acquisition>> Results { get; }

    /// <summary>Local Sembuf[] arrays and Sembuf structs, and flow captures of them (a struct is a one-element array) → their elements.</summary>
    internal ImmutableDictionary<object, ImmutableArray<SembufValue?>> Sembufs { get; }

    /// <summary>True when some P holds a semaphore on every path here, with no V of that semaphore in between.</summary>
    internal bool IsAnyHeldOnEveryPath => !MustHeld.IsEmpty;

    internal bool IsHeldOnEveryPath(SemKey key) => MustHeld.Contains(key);

    internal ImmutableHashSet<Acquisition> HoldersOf(SemKey key)
        => MayHeld.TryGetValue(key, out var holders) ? holders : ImmutableHashSet<Acquisition>.Empty;

    internal IEnumerable<Acquisition> AllHolders()
    {
        foreach (var pair in MayHeld)
        {
            foreach (var holder in pair.Value) yield return holder;
        }
    }

    internal ImmutableHashSet<Acquisition> ResultAt(object location)
        => Results.TryGetValue(location, out var set) ? set : ImmutableHashSet<Acquisition>.Empty;

    internal HoldState Acquire(Acquisition acquisition)
        => With(mayHeld: MayHeld.SetItem(acquisition.Key, HoldersOf(acquisition.Key).Add(acquisition)), mustHeld: MustHeld.Add(acquisition.Key));

    internal HoldState Release(SemKey key) => With(mayHeld: MayHeld.Remove(key), mustHeld: MustHeld.Remove(key));

    /// <summary>The path where the calls that made <paramref name="failed"/> returned failure: those P's did not happen.</summary>
    internal HoldState Undo(ImmutableHashSet<Acquisition> failed)
    {
        if (failed.IsEmpty) return this;
        var mayHeld = MayHeld;
        var mustHeld = MustHeld;
        foreach (var acquisition in failed)
        {
            if (!mayHeld.TryGetValue(acquisition.Key, out var holders) || !holders.Contains(acquisition)) continue;
            holders = holders.Remove(acquisition);
            mayHeld = holders.IsEmpty ? mayHeld.Remove(acquisition.Key) : mayHeld.SetItem(acquisition.Key, holders);
            if (holders.IsEmpty) mustHeld = mustHeld.Remove(acquisition.Key);
        }

        return With(mayHeld: mayHeld, mustHeld: mustHeld);
    }

    /// <summary>The path where the calls that made <paramref name="succeeded"/> did not fail: those still held are held on every path here.</summary>
    internal HoldState Confirm(ImmutableHashSet<Acquisition> succeeded)
    {
        var mustHeld = MustHeld;
        foreach (var acquisition in succeeded)
        {
            if (HoldersOf(acquisition.Key).Contains(acquisition)) mustHeld = mustHeld.Add(acquisition.Key);
        }

        return mustHeld.Count == MustHeld.Count ? this : With(mustHeld: mustHeld);
    }

    internal HoldState WithResult(object location, ImmutableHashSet<Acquisition> value)
        => With(results: value.IsEmpty ? Results.Remove(location) : Results.SetItem(location, value));

    internal HoldState WithSembufs(object location, ImmutableArray<SembufValue?>? elements)
        => With(sembufs: elements is { } known ? Sembufs.SetItem(location, known) : Sembufs.Remove(location));

    internal HoldState With(
        bool? isUnreachable = null,
        ImmutableDictionary<SemKey, ImmutableHashSet<Acquisition>>? mayHeld = null,
        ImmutableHashSet<SemKey>? mustHeld = null,
        ImmutableDictionary<object, ImmutableHashSet<Acquisition>>? results = null,
        ImmutableDictionary<object, ImmutableArray<SembufValue?>>? sembufs = null)
        => new(isUnreachable ?? IsUnreachable, mayHeld ?? MayHeld, mustHeld ?? MustHeld, results ?? Results, sembufs ?? Sembufs);

    internal static HoldState Join(HoldState left, HoldState right)
    {
        if (left.IsUnreachable) return right;
        if (right.IsUnreachable) return left;
        var mayHeld = left.MayHeld;
        foreach (var pair in right.MayHeld)
        {
            mayHeld = mayHeld.TryGetValue(pair.Key, out var existing) ? mayHeld.SetItem(pair.Key, existing.Union(pair.Value)) : mayHeld.Add(pair.Key, pair.Value);
        }

        var results = left.Results;
        foreach (var pair in right.Results)
        {
            results = results.TryGetValue(pair.Key, out var existing) ? results.SetItem(pair.Key, existing.Union(pair.Value)) : results.Add(pair.Key, pair.Value);
        }

        var sembufs = left.Sembufs;
        foreach (var pair in left.Sembufs)
        {
            var joined = right.Sembufs.TryGetValue(pair.Key, out var other) ? JoinElements(pair.Value, other) : null;
            sembufs = joined is { } elements ? sembufs.SetItem(pair.Key, elements) : sembufs.Remove(pair.Key);
        }

        return new HoldState(false, mayHeld, left.MustHeld.Intersect(right.MustHeld), results, sembufs);
    }

    internal static bool AreEqual(HoldState left, HoldState right)
    {
        if (ReferenceEquals(left, right)) return true;
        if (left.IsUnreachable != right.IsUnreachable || !left.MustHeld.SetEquals(right.MustHeld)
            || left.MayHeld.Count != right.MayHeld.Count || left.Results.Count != right.Results.Count || left.Sembufs.Count != right.Sembufs.Count)
        {
            return false;
        }

        foreach (var pair in left.MayHeld)
        {
            if (!right.MayHeld.TryGetValue(pair.Key, out var other) || !other.SetEquals(pair.Value)) return false;
        }

        foreach (var pair in left.Results)
        {
            if (!right.Results.TryGetValue(pair.Key, out var other) || !other.SetEquals(pair.Value)) return false;
        }

        foreach (var pair in left.Sembufs)
        {
            if (!right.Sembufs.TryGetValue(pair.Key, out var other) || !SameElements(pair.Value, other)) return false;
        }

        return true;
    }

    /// <summary>Element-wise: what both paths agree on stays known.</summary>
    private static ImmutableArray<SembufValue?>? JoinElements(ImmutableArray<SembufValue?> left, ImmutableArray<SembufValue?> right)
    {
        if (left.Length != right.Length) return null;
        if (SameElements(left, right)) return left;
        var builder = ImmutableArray.CreateBuilder<SembufValue?>(left.Length);
        for (var i = 0; i < left.Length; i++) builder.Add(Equals(left[i], right[i]) ? left[i] : null);
        return builder.MoveToImmutable();
    }

    private static bool SameElements(ImmutableArray<SembufValue?> left, ImmutableArray<SembufValue?> right)
    {
        if (left.Length != right.Length) return false;
        for (var i = 0; i < left.Length; i++)
        {
            if (!Equals(left[i], right[i])) return false;
        }

        return true;
    }
}
