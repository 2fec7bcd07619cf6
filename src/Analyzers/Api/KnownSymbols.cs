using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Api;

/// <summary>
/// The symbols the rules recognise, resolved once per compilation (in a compilation-start action).
/// <see cref="Create"/> returns null when the compilation has neither IpcSim nor a declaration named like a
/// libc function: the analyzers then register nothing.
/// </summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol? libc, bool mayDeclareExterns)
    {
        Compilation = compilation;
        Libc = libc;
        MayDeclareLibcExterns = mayDeclareExterns;
        var ipcSim = libc?.ContainingNamespace;
        Mem = ipcSim?.GetTypeMembers("Mem", 0).FirstOrDefault();
        Sembuf = ipcSim?.GetTypeMembers("Sembuf", 0).FirstOrDefault();
        MsgBuf = ipcSim?.GetTypeMembers("MsgBuf", 0).FirstOrDefault();
        SigAction = ipcSim?.GetTypeMembers("SigAction", 0).FirstOrDefault();
        Errno = libc?.GetMembers("errno").OfType<IPropertySymbol>().FirstOrDefault();
        var system = Namespace(compilation.GlobalNamespace, "System");
        Environment = system?.GetTypeMembers("Environment", 0).FirstOrDefault();
        Marshal = Namespace(system, "Runtime", "InteropServices")?.GetTypeMembers("Marshal", 0).FirstOrDefault();
        LibraryImportAttribute = Namespace(system, "Runtime", "InteropServices")?.GetTypeMembers("LibraryImportAttribute", 0).FirstOrDefault();
        DoesNotReturnAttribute = Namespace(system, "Diagnostics", "CodeAnalysis")?.GetTypeMembers("DoesNotReturnAttribute", 0).FirstOrDefault();
    }

    internal Compilation Compilation { get; }

    /// <summary>IpcSim.Libc, or null when IpcSim is not referenced.</summary>
    internal INamedTypeSymbol? Libc { get; }

    /// <summary>
    /// True when some source member is named like a libc function in any case (shmget, SemGet): it may be a
    /// [DllImport]/[LibraryImport] extern. An extern renamed beyond that through EntryPoint is seen only when
    /// IpcSim or another such declaration is present.
    /// </summary>
    internal bool MayDeclareLibcExterns { get; }

    internal INamedTypeSymbol? Mem { get; }

    internal INamedTypeSymbol? Sembuf { get; }

    /// <summary>
    /// IpcSim's Sembuf, or C's <c>struct sembuf</c> as interop code declares it for a libc extern: a struct with
    /// sem_num, sem_op and sem_flg fields.
    /// </summary>
    internal bool IsSembuf(ITypeSymbol? type)
    {
        if (type is null) return false;
        if (Sembuf is not null && SymbolEqualityComparer.Default.Equals(type, Sembuf)) return true;
        return type.TypeKind == TypeKind.Struct && HasField(type, "sem_num") && HasField(type, "sem_op") && HasField(type, "sem_flg");
    }

    private static bool HasField(ITypeSymbol type, string name) => type.GetMembers(name).Any(m => m.Kind == SymbolKind.Field);

    internal INamedTypeSymbol? MsgBuf { get; }

    internal INamedTypeSymbol? SigAction { get; }

    /// <summary>IpcSim.Libc.errno.</summary>
    internal IPropertySymbol? Errno { get; }

    internal INamedTypeSymbol? Environment { get; }

    internal INamedTypeSymbol? Marshal { get; }

    internal INamedTypeSymbol? LibraryImportAttribute { get; }

    internal INamedTypeSymbol? DoesNotReturnAttribute { get; }

    /// <summary>Resolves the symbols, or returns null when there is nothing IPC in the compilation.</summary>
    internal static KnownSymbols? Create(Compilation compilation)
    {
        var libc = Namespace(compilation.GlobalNamespace, "IpcSim")?.GetTypeMembers("Libc", 0).FirstOrDefault();
        // The declaration table answers this without binding anything.
        var mayDeclareExterns = compilation.ContainsSymbolsWithName(IpcFunctionFacts.MayBeExternName, SymbolFilter.Member);
        return libc is null && !mayDeclareExterns ? null : new KnownSymbols(compilation, libc, mayDeclareExterns);
    }

    /// <summary>A read of errno: Libc.errno, or Marshal.GetLastPInvokeError/GetLastWin32Error after an extern.</summary>
    internal bool IsErrnoRead(IOperation? operation) => operation switch
    {
        Microsoft.CodeAnalysis.Operations.IPropertyReferenceOperation p => Errno is not null && SymbolEqualityComparer.Default.Equals(p.Property.OriginalDefinition, Errno),
        Microsoft.CodeAnalysis.Operations.IInvocationOperation i => Marshal is not null
            && SymbolEqualityComparer.Default.Equals(i.TargetMethod.ContainingType, Marshal)
            && i.TargetMethod.Name is "GetLastPInvokeError" or "GetLastWin32Error" or "GetLastSystemError",
        _ => false,
    };

    /// <summary>Methods that end the process or always throw: exit, _exit, Environment.Exit/FailFast, [DoesNotReturn].</summary>
    internal bool NeverReturns(IMethodSymbol method)
    {
        if (Environment is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, Environment)
            && method.Name is "Exit" or "FailFast")
        {
            return true;
        }

        if (DoesNotReturnAttribute is not null
            && method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, DoesNotReturnAttribute)))
        {
            return true;
        }

        return IpcCall.TryMatchMethod(method, this, out var function) && function.NeverReturns();
    }

    private static INamespaceSymbol? Namespace(INamespaceSymbol? start, params string[] path)
    {
        var current = start;
        foreach (var part in path)
        {
            if (current is null) return null;
            current = current.GetNamespaceMembers().FirstOrDefault(n => string.Equals(n.Name, part, StringComparison.Ordinal));
        }

        return current;
    }
}
