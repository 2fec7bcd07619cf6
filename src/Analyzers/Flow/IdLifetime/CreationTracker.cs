using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.IdLifetime;

/// <summary>What happened to one created object in the body that created it: the facts IPC004 judges at compilation end.</summary>
internal sealed class CreationRecord
{
    internal CreationRecord(Creation creation) => Creation = creation;

    internal Creation Creation { get; }

    /// <summary>IPC_RMID reached it on some path of this body.</summary>
    internal bool RemovedHere { get; set; }

    /// <summary>It was returned, published or passed to a method that keeps it on some path.</summary>
    internal bool HandedOver { get; set; }

    /// <summary>The fields of the compilation it was stored in, with the store.</summary>
    internal List<(ISymbol Field, Location Store)> Fields { get; } = [];

    /// <summary>The exits that some path reaches with the object still owned and not removed.</summary>
    internal List<Location?> LeakingExits { get; } = [];
}

/// <summary>
/// The listener of one body's replay for IPC004: keeps a <see cref="CreationRecord"/> per creation and tells the
/// compilation-wide <see cref="IdLifetimeCollector"/> which fields and keys a removal reaches.
/// </summary>
internal sealed class CreationTracker : IdLifetimeListener
{
    private readonly IdLifetimeCollector collector;
    private readonly Dictionary<Creation, CreationRecord> records = [];

    internal CreationTracker(IdLifetimeCollector collector) => this.collector = collector;

    internal IEnumerable<CreationRecord> Records => records.Values;

    internal override void OnCreated(Creation creation) => RecordOf(creation);

    internal override void OnRemoved(IdValue value, IOperation site)
    {
        switch (value.Kind)
        {
            case IdValueKind.Created when value.Creation is { } creation:
                RecordOf(creation).RemovedHere = true;
                break;
            case IdValueKind.Field when value.Symbol is { } field:
                collector.FieldRemoved(field);
                break;
            case IdValueKind.Lookup when value.Key is { } key:
                collector.KeyRemoved(value.ObjectKind, key);
                break;
        }
    }

    internal override void OnHandedOver(IdValue value, IOperation site, HandOver how)
    {
        if (value.Creation is { } creation) RecordOf(creation).HandedOver = true;
    }

    internal override void OnStoredInField(IdValue value, ISymbol field, IOperation site)
    {
        if (value.Creation is { } creation) RecordOf(creation).Fields.Add((field, site.Syntax.GetLocation()));
    }

    internal override void OnExit(IdState state, Location? location, bool normal)
    {
        foreach (var creation in state.LiveCreations()) RecordOf(creation).LeakingExits.Add(location);
    }

    private CreationRecord RecordOf(Creation creation)
    {
        if (!records.TryGetValue(creation, out var record))
        {
            record = new CreationRecord(creation);
            records.Add(creation, record);
        }

        return record;
    }
}
