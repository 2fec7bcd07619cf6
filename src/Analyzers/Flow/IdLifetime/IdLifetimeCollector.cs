using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.IdLifetime;

/// <summary>One creation that IPC004 reports, with where it leaks (a path's exit, or the field nobody removes).</summary>
internal sealed record IdLeak(Creation Creation, Location? LeakLocation, bool PathBased);

/// <summary>
/// The compilation-wide half of IPC004, after Sonar's S2930 "track then exclude": every body adds the objects it
/// creates and the fields and keys its removals reach; at compilation end, a creation is excused when a removal
/// anywhere reaches the field it was stored in, or looks its key up again. Thread-safe: bodies run concurrently.
/// </summary>
internal sealed class IdLifetimeCollector
{
    private readonly ConcurrentQueue<CreationRecord> creations = new();
    private readonly ConcurrentDictionary<ISymbol, byte> removedFields = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(IpcObjectKind, KeyIdentity), byte> removedKeys = new();

    internal bool SawCreation => !creations.IsEmpty;

    internal void Add(CreationRecord record) => creations.Enqueue(record);

    internal void FieldRemoved(ISymbol field) => removedFields.TryAdd(field.OriginalDefinition, 0);

    internal void KeyRemoved(IpcObjectKind kind, KeyIdentity key) => removedKeys.TryAdd((kind, key), 0);

    /// <summary>The creations that leak, once every body has been seen.</summary>
    internal IEnumerable<IdLeak> Leaks()
    {
        foreach (var record in creations)
        {
            if (Judge(record) is { } leak) yield return leak;
        }
    }

    private IdLeak? Judge(CreationRecord record)
    {
        var creation = record.Creation;
        if (creation.Key is { IsPrivate: false } key && removedKeys.ContainsKey((creation.Kind, key))) return null;
        if (record.RemovedHere)
        {
            // The owner removes it on its main path: every other exit that keeps it is a leak.
            if (record.LeakingExits.Count == 0) return null;
            var exit = record.LeakingExits.Where(l => l is not null).OrderBy(l => l!.SourceSpan.Start).FirstOrDefault();
            return new IdLeak(creation, exit, PathBased: true);
        }

        if (record.HandedOver) return null;
        if (record.Fields.Count > 0)
        {
            if (record.Fields.Any(f => removedFields.ContainsKey(f.Field))) return null;
            return new IdLeak(creation, record.Fields[0].Store, PathBased: false);
        }

        return new IdLeak(creation, null, PathBased: false);
    }
}
