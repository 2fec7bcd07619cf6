using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Api;

/// <summary>
/// A recognised call of the IPC surface: a member of IpcSim.Libc, or a [DllImport]/[LibraryImport] extern of
/// libc whose name (or EntryPoint) is the C function's. The one place the API is recognised.
/// </summary>
internal readonly struct IpcCall
{
    private IpcCall(IInvocationOperation invocation, IpcFunction function, bool isExtern)
    {
        Invocation = invocation;
        Function = function;
        IsExtern = isExtern;
    }

    internal IInvocationOperation Invocation { get; }

    internal IpcFunction Function { get; }

    /// <summary>True for a [DllImport]/[LibraryImport] declaration rather than IpcSim.Libc.</summary>
    internal bool IsExtern { get; }

    internal string Name => Function.ToString();

    internal static bool TryMatch(IInvocationOperation? invocation, KnownSymbols known, out IpcCall call)
    {
        call = default;
        if (invocation?.TargetMethod is not { } method) return false;
        if (!TryMatchMethod(method, known, out var function)) return false;
        call = new IpcCall(invocation, function, !IsLibc(method, known));
        return true;
    }

    /// <summary>Recognises the method alone, for summaries and compilation-wide scans.</summary>
    internal static bool TryMatchMethod(IMethodSymbol method, KnownSymbols known, out IpcFunction function)
    {
        function = IpcFunction.None;
        if (IsLibc(method, known)) return IpcFunctionFacts.TryParse(method.Name, out function);
        if (!known.MayDeclareLibcExterns || !method.IsStatic) return false;
        return TryMatchExtern(method, known, out function);
    }

    /// <summary>The argument passed for the C parameter <paramref name="cName"/>, without the implicit conversion.</summary>
    internal IOperation? Argument(string cName)
    {
        var names = Function.CParameters();
        foreach (var argument in Invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter) continue;
            var matches = string.Equals(parameter.Name, cName, StringComparison.Ordinal)
                || (!names.Contains(parameter.Name) && parameter.Ordinal < names.Count
                    && string.Equals(names[parameter.Ordinal], cName, StringComparison.Ordinal));
            if (matches) return argument.Value.WithoutConversions();
        }

        return null;
    }

    private static bool IsLibc(IMethodSymbol method, KnownSymbols known)
        => known.Libc is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, known.Libc);

    private static bool TryMatchExtern(IMethodSymbol method, KnownSymbols known, out IpcFunction function)
    {
        function = IpcFunction.None;
        if (method.IsExtern && method.GetDllImportData() is { } dllImport)
        {
            return IsLibcModule(dllImport.ModuleName)
                && IpcFunctionFacts.TryParse(dllImport.EntryPointName ?? method.Name, out function);
        }

        if (known.LibraryImportAttribute is null) return false;
        foreach (var attribute in method.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.LibraryImportAttribute)) continue;
            var module = attribute.ConstructorArguments.FirstOrDefault().Value as string;
            var entryPoint = attribute.NamedArguments.FirstOrDefault(a => a.Key == "EntryPoint").Value.Value as string;
            return IsLibcModule(module) && IpcFunctionFacts.TryParse(entryPoint ?? method.Name, out function);
        }

        return false;
    }

    /// <summary>"libc", "libc.so.6", "c", "/lib/x86_64-linux-gnu/libc.so.6", "libc.dylib".</summary>
    private static bool IsLibcModule(string? module)
    {
        if (string.IsNullOrEmpty(module)) return false;
        var name = Path.GetFileName(module!).ToUpperInvariant();
        var dot = name.IndexOf('.');
        if (dot >= 0) name = name.Substring(0, dot);
        return name is "LIBC" or "C";
    }
}
