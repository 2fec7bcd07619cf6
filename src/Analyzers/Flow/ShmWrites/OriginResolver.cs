using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Attach;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ShmWrites;

/// <summary>
/// Turns the attachments a written address may derive from into what IPC005 judges: shared memory attached here
/// (shmat, a helper's attached result, a member holding one; an SHM_RDONLY attach is IPC007's business, not this
/// rule's) and the root method's parameters (the summary). A captured local is looked up in the enclosing graph.
/// </summary>
internal sealed class OriginResolver(AddressCollector addresses, IMethodSymbol? rootMethod, KnownSymbols known)
{
    internal (ImmutableArray<Attachment> Shm, ImmutableHashSet<int> Parameters) Resolve(ImmutableHashSet<Attachment> values)
    {
        var shm = ImmutableArray.CreateBuilder<Attachment>();
        var parameters = ImmutableHashSet<int>.Empty;
        var visited = new HashSet<Attachment>();
        var pending = new Stack<Attachment>(values);
        while (pending.Count > 0)
        {
            var value = pending.Pop();
            if (!visited.Add(value)) continue;
            switch (value.Kind)
            {
                case AttachmentKind.Shmat when IsReadOnly(value.Origin):
                    break;
                case AttachmentKind.Shmat or AttachmentKind.HelperResult or AttachmentKind.OutArgument or AttachmentKind.Member:
                    shm.Add(value);
                    break;
                case AttachmentKind.Parameter when value.Symbol is IParameterSymbol parameter && rootMethod is not null
                    && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, rootMethod):
                    parameters = parameters.Add(parameter.Ordinal);
                    break;
                case AttachmentKind.Captured when value.Symbol is { } symbol && addresses.SymbolValues.TryGetValue(symbol, out var outer):
                    foreach (var next in outer) pending.Push(next);
                    break;
            }
        }

        return (shm.ToImmutable(), parameters);
    }

    /// <summary>Where the memory was attached: the shmat or helper call, or the member that holds it.</summary>
    internal Location? LocationOf(Attachment attachment)
        => attachment.Origin?.Syntax.GetLocation() ?? attachment.Symbol?.Locations.FirstOrDefault(l => l.IsInSource);

    private bool IsReadOnly(IOperation? origin)
        => origin is IInvocationOperation invocation && IpcCall.TryMatch(invocation, known, out var call)
            && call.Argument("shmflg") is { } flags && ConstantFolding.TryFold(flags, out var value) && (value & IpcConstants.SHM_RDONLY) != 0;
}
