using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.IdLifetime;

/// <summary>
/// What a method of the compilation does with the ids it is given, from its caller's point of view: "removes
/// parameter id" (IPC_RMID reaches it on some path), "stores it in field F", "hands it over" (publishes it, keeps
/// it in a collection, passes it to a method that does), "returns it", and "returns the id of an object it creates"
/// (a creating helper: its callers own the object).
/// </summary>
internal sealed class IdSummary
{
    internal static readonly IdSummary Empty = new(
        ImmutableHashSet<int>.Empty, ImmutableDictionary<int, ImmutableHashSet<ISymbol>>.Empty, ImmutableHashSet<int>.Empty, ImmutableHashSet<int>.Empty, null);

    internal IdSummary(
        ImmutableHashSet<int> removes,
        ImmutableDictionary<int, ImmutableHashSet<ISymbol>> stores,
        ImmutableHashSet<int> handsOver,
        ImmutableHashSet<int> returns,
        IpcObjectKind? createdKind)
    {
        RemovedParameters = removes;
        StoredParameters = stores;
        HandedOverParameters = handsOver;
        ReturnedParameters = returns;
        CreatedKind = createdKind;
    }

    internal bool IsEmpty => RemovedParameters.IsEmpty && StoredParameters.IsEmpty && HandedOverParameters.IsEmpty
        && ReturnedParameters.IsEmpty && CreatedKind is null;

    internal ImmutableHashSet<int> RemovedParameters { get; }

    internal ImmutableDictionary<int, ImmutableHashSet<ISymbol>> StoredParameters { get; }

    internal ImmutableHashSet<int> HandedOverParameters { get; }

    internal ImmutableHashSet<int> ReturnedParameters { get; }

    /// <summary>The kind of object whose id the method returns after creating it, or null.</summary>
    internal IpcObjectKind? CreatedKind { get; }

    internal bool Removes(int ordinal) => RemovedParameters.Contains(ordinal);

    internal bool HandsOver(int ordinal) => HandedOverParameters.Contains(ordinal);

    internal bool Returns(int ordinal) => ReturnedParameters.Contains(ordinal);

    internal ImmutableHashSet<ISymbol> FieldsStoring(int ordinal)
        => StoredParameters.TryGetValue(ordinal, out var fields) ? fields : ImmutableHashSet<ISymbol>.Empty;
}
