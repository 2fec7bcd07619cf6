using System;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.IdLifetime;

/// <summary>
/// The key a get call names, as far as it can be compared with another get call's: a constant, the same field,
/// property, local or parameter, or ftok of the same constant path and project id. Two get calls on equal keys
/// reach the same object, so a removal that looks the object up again removes the one created on that key.
/// </summary>
internal sealed class KeyIdentity : IEquatable<KeyIdentity>
{
    private KeyIdentity(long? constant, ISymbol? symbol, string? ftokPath, long ftokProject)
    {
        Constant = constant;
        Symbol = symbol;
        FtokPath = ftokPath;
        FtokProject = ftokProject;
    }

    internal long? Constant { get; }

    internal ISymbol? Symbol { get; }

    internal string? FtokPath { get; }

    internal long FtokProject { get; }

    /// <summary>IPC_PRIVATE: every get call makes a new object that no other get call can find.</summary>
    internal bool IsPrivate => Constant == IpcConstants.IPC_PRIVATE;

    internal static KeyIdentity? From(IOperation? key, KnownSymbols known)
    {
        if (key is null) return null;
        if (key.TryGetInteger(out var constant)) return new KeyIdentity(constant, null, null, 0);
        switch (key.WithoutConversions())
        {
            case IFieldReferenceOperation field:
                return new KeyIdentity(null, field.Field.OriginalDefinition, null, 0);
            case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                return new KeyIdentity(null, property.Property.OriginalDefinition, null, 0);
            case ILocalReferenceOperation local:
                return new KeyIdentity(null, local.Local, null, 0);
            case IParameterReferenceOperation parameter:
                return new KeyIdentity(null, parameter.Parameter, null, 0);
            case IInvocationOperation invocation when IpcCall.TryMatch(invocation, known, out var call) && call.Function == IpcFunction.ftok:
                return call.Argument("pathname")?.ConstantValue is { HasValue: true, Value: string path }
                    && call.Argument("proj_id").TryGetInteger(out var project)
                    ? new KeyIdentity(null, null, path, project)
                    : null;
            default:
                return null;
        }
    }

    public bool Equals(KeyIdentity? other) => other is not null
        && Constant == other.Constant
        && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol)
        && string.Equals(FtokPath, other.FtokPath, StringComparison.Ordinal)
        && FtokProject == other.FtokProject;

    public override bool Equals(object? obj) => obj is KeyIdentity other && Equals(other);

    public override int GetHashCode()
    {
        var hash = Constant.GetHashCode();
        hash = (hash * 397) ^ (Symbol is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(Symbol));
        hash = (hash * 397) ^ (FtokPath is null ? 0 : StringComparer.Ordinal.GetHashCode(FtokPath));
        return (hash * 397) ^ FtokProject.GetHashCode();
    }
}
