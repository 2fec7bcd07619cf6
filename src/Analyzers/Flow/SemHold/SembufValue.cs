using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>
/// What is known of one struct sembuf: sem_num (a constant, or a parameter inside a helper), sem_op and sem_flg
/// when the compiler can fold them, and the syntax that sets sem_flg (for the IPC015 fix).
/// </summary>
internal sealed class SembufValue : System.IEquatable<SembufValue>
{
    internal SembufValue(long? num, IParameterSymbol? numParameter, long? op, long? flags, SyntaxNode? flagSite, SyntaxNode site)
    {
        Num = num;
        NumParameter = numParameter;
        Op = op;
        Flags = flags;
        FlagSite = flagSite;
        Site = site;
    }

    internal long? Num { get; }

    internal IParameterSymbol? NumParameter { get; }

    internal long? Op { get; }

    /// <summary>Set when sem_op is a parameter of the method being summarised (<c>SemOp(id, n, op)</c>): its caller's constant decides P or V.</summary>
    internal IParameterSymbol? OpParameter { get; init; }

    internal long? Flags { get; }

    /// <summary>
    /// Where sem_flg is written: the <c>new Sembuf(n, op, flg)</c> creation, a <c>new Sembuf { … }</c> initialiser,
    /// or an assignment <c>ops[0].sem_flg = …</c>. Null when no code sets it (it is then 0).
    /// </summary>
    internal SyntaxNode? FlagSite { get; }

    /// <summary>The expression or statement that made this value (for locations).</summary>
    internal SyntaxNode Site { get; }

    internal bool HasKnownNum => Num is not null || NumParameter is not null;

    internal SembufValue With(long? num = null, IParameterSymbol? numParameter = null, bool setNum = false, long? op = null, bool setOp = false,
        long? flags = null, bool setFlags = false, SyntaxNode? flagSite = null, SyntaxNode? site = null)
        => new(
            setNum ? num : Num,
            setNum ? numParameter : NumParameter,
            setOp ? op : Op,
            setFlags ? flags : Flags,
            setFlags ? flagSite : FlagSite,
            site ?? Site)
        {
            OpParameter = setOp ? null : OpParameter,
        };

    internal SembufValue WithOpParameter(IParameterSymbol? opParameter)
        => new(Num, NumParameter, Op, Flags, FlagSite, Site) { OpParameter = opParameter };

    public bool Equals(SembufValue? other) => other is not null && Num == other.Num && Op == other.Op && Flags == other.Flags
        && SymbolEqualityComparer.Default.Equals(NumParameter, other.NumParameter)
        && SymbolEqualityComparer.Default.Equals(OpParameter, other.OpParameter) && FlagSite == other.FlagSite && Site == other.Site;

    public override bool Equals(object? obj) => Equals(obj as SembufValue);

    public override int GetHashCode() => (Num.GetHashCode() * 31) ^ (Op.GetHashCode() * 17) ^ Flags.GetHashCode() ^ Site.GetHashCode();
}
