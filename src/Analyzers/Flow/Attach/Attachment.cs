using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>Where a tracked address comes from.</summary>
internal enum AttachmentKind
{
    /// <summary>The result of a shmat call in this body.</summary>
    Shmat,

    /// <summary>The result of a helper of the compilation that returns an attached address.</summary>
    HelperResult,

    /// <summary>An out argument that a helper of the compilation attaches.</summary>
    OutArgument,

    /// <summary>A parameter, while a helper's summary is computed: the caller's address.</summary>
    Parameter,

    /// <summary>A field or property of the type that holds an address the type attached.</summary>
    Member,

    /// <summary>A local of the enclosing method that a local function captures, while its summary is computed.</summary>
    Captured,
}

/// <summary>
/// One address the analysis follows: a call site (one instance per site and analysis run), or a symbol that
/// stands for an address owned elsewhere. Identity is by reference.
/// </summary>
internal sealed class Attachment
{
    internal Attachment(AttachmentKind kind, IOperation? origin, ISymbol? symbol, string name)
    {
        Kind = kind;
        Origin = origin;
        Symbol = symbol;
        Name = name;
    }

    internal AttachmentKind Kind { get; }

    /// <summary>The call that attached it (shmat, or the helper call); null for symbols.</summary>
    internal IOperation? Origin { get; }

    /// <summary>The parameter, member or captured local it stands for; null for call sites.</summary>
    internal ISymbol? Symbol { get; }

    /// <summary>shmat, or the helper's name, or the symbol's name.</summary>
    internal string Name { get; }

    /// <summary>Attached by this body: its owner must detach it or hand it on (IPC003 judges these).</summary>
    internal bool IsOwnedHere => Kind is AttachmentKind.Shmat or AttachmentKind.HelperResult or AttachmentKind.OutArgument;

    public override string ToString() => Kind + ":" + Name;
}
