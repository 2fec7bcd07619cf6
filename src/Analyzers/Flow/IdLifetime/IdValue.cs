using System;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.IdLifetime;

/// <summary>An object created in the body under analysis: a get call with IPC_CREAT or IPC_PRIVATE, or a call of a helper that returns one.</summary>
internal sealed class Creation
{
    internal Creation(IOperation site, IpcObjectKind kind, KeyIdentity? key, IMethodSymbol? helper)
    {
        Site = site;
        Kind = kind;
        Key = key;
        Helper = helper;
    }

    /// <summary>The creating invocation: the get call, or the call of the creating helper.</summary>
    internal IOperation Site { get; }

    internal IpcObjectKind Kind { get; }

    /// <summary>The key of a get call (null for a helper, or a key that cannot be compared).</summary>
    internal KeyIdentity? Key { get; }

    internal IMethodSymbol? Helper { get; }
}

internal enum IdValueKind
{
    /// <summary>The id of an object created in this body.</summary>
    Created,

    /// <summary>Whatever a field or property of the compilation holds.</summary>
    Field,

    /// <summary>The id a get call on a comparable key returns (created here or elsewhere).</summary>
    Lookup,

    /// <summary>A parameter of a method being summarised.</summary>
    Parameter,
}

/// <summary>What an int-valued expression may stand for, as far as IPC004 cares.</summary>
internal sealed class IdValue : IEquatable<IdValue>
{
    private IdValue(IdValueKind kind, Creation? creation, ISymbol? symbol, IpcObjectKind objectKind, KeyIdentity? key)
    {
        Kind = kind;
        Creation = creation;
        Symbol = symbol;
        ObjectKind = objectKind;
        Key = key;
    }

    internal IdValueKind Kind { get; }

    internal Creation? Creation { get; }

    /// <summary>The field, property or parameter.</summary>
    internal ISymbol? Symbol { get; }

    internal IpcObjectKind ObjectKind { get; }

    internal KeyIdentity? Key { get; }

    internal static IdValue Created(Creation creation) => new(IdValueKind.Created, creation, null, creation.Kind, creation.Key);

    internal static IdValue Field(ISymbol field) => new(IdValueKind.Field, null, field.OriginalDefinition, default, null);

    internal static IdValue Lookup(IpcObjectKind kind, KeyIdentity key) => new(IdValueKind.Lookup, null, null, kind, key);

    internal static IdValue Parameter(IParameterSymbol parameter) => new(IdValueKind.Parameter, null, parameter, default, null);

    public bool Equals(IdValue? other) => other is not null
        && Kind == other.Kind
        && ReferenceEquals(Creation, other.Creation)
        && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol)
        && ObjectKind == other.ObjectKind
        && Equals(Key, other.Key);

    public override bool Equals(object? obj) => obj is IdValue other && Equals(other);

    public override int GetHashCode()
    {
        var hash = (int)Kind;
        hash = (hash * 397) ^ (Creation?.GetHashCode() ?? 0);
        hash = (hash * 397) ^ (Symbol is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(Symbol));
        hash = (hash * 397) ^ (int)ObjectKind;
        return (hash * 397) ^ (Key?.GetHashCode() ?? 0);
    }
}
