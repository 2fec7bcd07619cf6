using Microsoft.CodeAnalysis;

namespace IpcAnalyzers;

internal static class SymbolExtensions
{
    /// <summary>Declared in this compilation's source. A loop, not LINQ: the engines ask it for every call they meet.</summary>
    internal static bool IsInSource(this ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource) return true;
        }

        return false;
    }
}
