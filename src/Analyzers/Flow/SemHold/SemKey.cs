using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>
/// One semaphore as the analysis names it: the symbol the semid comes from (a local, parameter or field) and the
/// sem_num. Inside a helper being summarised the sem_num may be a parameter (<c>P(int id, int n)</c>); the caller
/// maps both back to its own arguments. Instance fields are named by the field alone, so that a wrapper's
/// constructor, Acquire, Release and Dispose all speak of the same semaphore.
/// </summary>
internal sealed class SemKey : System.IEquatable<SemKey>
{
    internal SemKey(ISymbol root, long num, IParameterSymbol? numParameter = null)
    {
        Root = root;
        Num = numParameter is null ? num : 0;
        NumParameter = numParameter;
    }

    /// <summary>The local, parameter or field that holds the semid.</summary>
    internal ISymbol Root { get; }

    internal long Num { get; }

    /// <summary>Set when the sem_num is a parameter of the method being summarised.</summary>
    internal IParameterSymbol? NumParameter { get; }

    public bool Equals(SemKey? other) => other is not null && Num == other.Num
        && SymbolEqualityComparer.Default.Equals(Root, other.Root)
        && SymbolEqualityComparer.Default.Equals(NumParameter, other.NumParameter);

    public override bool Equals(object? obj) => Equals(obj as SemKey);

    public override int GetHashCode()
        => (SymbolEqualityComparer.Default.GetHashCode(Root) * 397) ^ Num.GetHashCode() ^ (NumParameter is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(NumParameter));

    /// <summary>"semid[0]", "this.sems[n]": for messages.</summary>
    public override string ToString() => $"{Root.Name}[{(NumParameter is null ? Num.ToString(System.Globalization.CultureInfo.InvariantCulture) : NumParameter.Name)}]";
}
