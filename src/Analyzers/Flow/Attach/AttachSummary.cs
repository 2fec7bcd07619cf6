using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>
/// What a method of the compilation does with the addresses it is given and what it hands back, from the caller's
/// point of view: "detaches parameter p" (on every path that returns), "keeps p" (stores, returns elsewhere, passes
/// it on), "reads through p", "returns p (an alias)", "returns an attached address", "attaches its out parameter",
/// "returns true exactly when it attached", and for a local function what it does to the locals it captures.
/// </summary>
internal sealed class AttachSummary
{
    internal static readonly AttachSummary NoEffect = new(
        ImmutableArray<AttachPaths?>.Empty, ImmutableArray<bool>.Empty, ImmutableArray<bool>.Empty, ImmutableArray<bool>.Empty,
        false, null, false, ImmutableDictionary<ISymbol, AttachPaths>.Empty.WithComparers(SymbolEqualityComparer.Default));

    internal AttachSummary(
        ImmutableArray<AttachPaths?> exits,
        ImmutableArray<bool> accesses,
        ImmutableArray<bool> returnsParameter,
        ImmutableArray<bool> attachesOut,
        bool returnsAttached,
        bool? trueWhenAttached,
        bool neverReturns,
        ImmutableDictionary<ISymbol, AttachPaths> capturedExits)
    {
        Exits = exits;
        AccessesByParameter = accesses;
        ReturnsByParameter = returnsParameter;
        AttachesOutByParameter = attachesOut;
        ReturnsAttached = returnsAttached;
        TrueWhenAttached = trueWhenAttached;
        NeverReturns = neverReturns;
        CapturedExits = capturedExits;
    }

    /// <summary>Per parameter: what may have happened to its address when the method returns; null when not followed.</summary>
    internal ImmutableArray<AttachPaths?> Exits { get; }

    internal ImmutableArray<bool> AccessesByParameter { get; }

    internal ImmutableArray<bool> ReturnsByParameter { get; }

    internal ImmutableArray<bool> AttachesOutByParameter { get; }

    /// <summary>Returns an address it attached (the caller now owns it).</summary>
    internal bool ReturnsAttached { get; }

    /// <summary>For a bool method with an attached out parameter: the value it returns when it attached.</summary>
    internal bool? TrueWhenAttached { get; }

    /// <summary>Every path throws or ends the process.</summary>
    internal bool NeverReturns { get; }

    /// <summary>For a local function: what may have happened to each captured local's address when it returns.</summary>
    internal ImmutableDictionary<ISymbol, AttachPaths> CapturedExits { get; }

    /// <summary>Hands back an attached address, or detaches (on some path) an address it is given.</summary>
    internal bool AttachesOrDetaches
    {
        get
        {
            if (ReturnsAttached || AttachesOutByParameter.Contains(true)) return true;
            foreach (var exit in Exits)
            {
                if (exit is { } paths && paths.MayBeDetached()) return true;
            }

            foreach (var captured in CapturedExits.Values)
            {
                if (captured.MayBeDetached()) return true;
            }

            return false;
        }
    }

    /// <summary>Detaches the parameter on every path that returns.</summary>
    internal bool Detaches(int ordinal) => ExitOf(ordinal) == AttachPaths.Detached;

    internal AttachPaths? ExitOf(int ordinal) => ordinal >= 0 && ordinal < Exits.Length ? Exits[ordinal] : null;

    internal bool Accesses(int ordinal) => At(AccessesByParameter, ordinal);

    internal bool ReturnsParameter(int ordinal) => At(ReturnsByParameter, ordinal);

    internal bool AttachesOut(int ordinal) => At(AttachesOutByParameter, ordinal);

    private static bool At(ImmutableArray<bool> flags, int ordinal) => ordinal >= 0 && ordinal < flags.Length && flags[ordinal];
}
