using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Api;

/// <summary>Which way a shared-memory access moves data through its address.</summary>
internal enum SharedMemoryDirection
{
    Read,
    Write,
}

/// <summary>
/// A read or write through an address (of an attached segment, when the engines can tell): IpcSim's
/// <c>Mem.Read&lt;T&gt;/Write&lt;T&gt;/ReadBytes/WriteBytes/ReadString/WriteString</c>, or what interop code calls on the
/// address a libc shmat returned, <c>System.Runtime.InteropServices.Marshal</c>'s ReadByte/Int16/Int32/Int64/IntPtr,
/// Write* of the same, Copy in either direction, StructureToPtr and PtrToStructure. The one place such accesses are
/// recognised: by the containing type's symbol and the parameter types (the address is the IntPtr/nint parameter the
/// member's shape names), never by a name alone.
/// </summary>
internal readonly struct SharedMemoryAccess
{
    private SharedMemoryAccess(IInvocationOperation invocation, SharedMemoryDirection direction, int addressOrdinal, bool isPlainCopy)
    {
        Invocation = invocation;
        Direction = direction;
        AddressOrdinal = addressOrdinal;
        IsPlainCopy = isPlainCopy;
    }

    internal IInvocationOperation Invocation { get; }

    internal SharedMemoryDirection Direction { get; }

    internal bool IsWrite => Direction == SharedMemoryDirection.Write;

    /// <summary>The ordinal of the address parameter.</summary>
    internal int AddressOrdinal { get; }

    /// <summary>
    /// True when the access is plain loads and stores (fixed-size values, byte copies); false when it encodes or
    /// allocates on the way (Mem's string forms, Marshal's structure marshalling).
    /// </summary>
    internal bool IsPlainCopy { get; }

    /// <summary>The address operand as written (with its conversions); null only in broken code.</summary>
    internal IOperation? Address
    {
        get
        {
            foreach (var argument in Invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == AddressOrdinal) return argument.Value;
            }

            return null;
        }
    }

    /// <summary>False when the compilation has neither IpcSim's Mem nor Marshal: no access can be recognised.</summary>
    internal static bool IsAvailable(KnownSymbols known) => known.Mem is not null || known.Marshal is not null;

    internal static bool TryMatch(IInvocationOperation? invocation, KnownSymbols known, out SharedMemoryAccess access)
    {
        access = default;
        if (invocation?.TargetMethod is not { } method) return false;
        if (!TryMatchMethod(method, known, out var direction, out var ordinal, out var plain)) return false;
        access = new SharedMemoryAccess(invocation, direction, ordinal, plain);
        return true;
    }

    /// <summary>Recognises the method alone (for calls seen without their invocation, and for summaries).</summary>
    internal static bool TryMatchMethod(IMethodSymbol method, KnownSymbols known, out SharedMemoryDirection direction, out int addressOrdinal, out bool isPlainCopy)
    {
        direction = default;
        addressOrdinal = -1;
        isPlainCopy = true;
        if (!method.IsStatic || method.ContainingType is not { } type) return false;
        if (known.Mem is not null && SymbolEqualityComparer.Default.Equals(type, known.Mem)) return MatchMem(method, out direction, out addressOrdinal, out isPlainCopy);
        if (known.Marshal is not null && SymbolEqualityComparer.Default.Equals(type, known.Marshal)) return MatchMarshal(method, out direction, out addressOrdinal, out isPlainCopy);
        return false;
    }

    /// <summary>
    /// Names a body must contain to write to shared memory directly: a fast syntax prefilter's "maybe", never the
    /// decision (<see cref="TryMatch"/> decides on symbols).
    /// </summary>
    internal static bool MayBeWriteName(string name) => name is "Write" or "WriteBytes" or "WriteString"
        or "WriteByte" or "WriteInt16" or "WriteInt32" or "WriteInt64" or "WriteIntPtr" or "Copy" or "StructureToPtr";

    /// <summary>Every member of Mem takes the address first; Read* reads, Write* writes, the string forms encode.</summary>
    private static bool MatchMem(IMethodSymbol method, out SharedMemoryDirection direction, out int addressOrdinal, out bool isPlainCopy)
    {
        direction = method.Name.StartsWith("Write", System.StringComparison.Ordinal) ? SharedMemoryDirection.Write : SharedMemoryDirection.Read;
        addressOrdinal = 0;
        isPlainCopy = method.Name is not ("ReadString" or "WriteString");
        return IsAddressAt(method, 0);
    }

    private static bool MatchMarshal(IMethodSymbol method, out SharedMemoryDirection direction, out int addressOrdinal, out bool isPlainCopy)
    {
        direction = SharedMemoryDirection.Read;
        addressOrdinal = 0;
        isPlainCopy = true;
        switch (method.Name)
        {
            case "ReadByte" or "ReadInt16" or "ReadInt32" or "ReadInt64" or "ReadIntPtr":
                // ReadInt32(IntPtr ptr[, int ofs]); the (object ptr, int ofs) overload reads a managed object.
                return IsAddressAt(method, 0);
            case "WriteByte" or "WriteInt16" or "WriteInt32" or "WriteInt64" or "WriteIntPtr":
                direction = SharedMemoryDirection.Write;
                return IsAddressAt(method, 0);
            case "Copy" when method.Parameters.Length == 4:
                if (IsAddressAt(method, 0) && method.Parameters[1].Type is IArrayTypeSymbol)
                {
                    // Copy(IntPtr source, T[] destination, int startIndex, int length)
                    return true;
                }

                // Copy(T[] source, int startIndex, IntPtr destination, int length)
                direction = SharedMemoryDirection.Write;
                addressOrdinal = 2;
                return method.Parameters[0].Type is IArrayTypeSymbol && IsAddressAt(method, 2);
            case "StructureToPtr":
                // StructureToPtr(object structure, IntPtr ptr, bool fDeleteOld) and its generic form.
                direction = SharedMemoryDirection.Write;
                addressOrdinal = 1;
                isPlainCopy = false;
                return IsAddressAt(method, 1);
            case "PtrToStructure":
                isPlainCopy = false;
                return IsAddressAt(method, 0);
            default:
                return false;
        }
    }

    private static bool IsAddressAt(IMethodSymbol method, int ordinal)
        => ordinal < method.Parameters.Length && method.Parameters[ordinal].RefKind == RefKind.None && method.Parameters[ordinal].Type.IsPointerSized();
}
