using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Flow.Attach;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ShmWrites;

/// <summary>
/// Runs the attach engine over every graph of a body with the seeds IPC005 needs (the type's members that hold an
/// attachment, the owner's address parameters, and for lambdas and local functions the captured address locals) and
/// keeps what each argument may derive from, and what each symbol may hold anywhere in the body (to resolve a
/// captured local in the graph that declares it).
/// </summary>
internal sealed class AddressCollector : AttachObserver
{
    private readonly Dictionary<SyntaxNode, ImmutableHashSet<Attachment>> arguments = [];

    private AddressCollector()
    {
    }

    /// <summary>Symbol → every attachment it may hold at some call of the body.</summary>
    internal Dictionary<ISymbol, ImmutableHashSet<Attachment>> SymbolValues { get; } = new(SymbolEqualityComparer.Default);

    internal static AddressCollector Run(ShmWriteSummaries summaries, IReadOnlyList<ControlFlowGraph> graphs, ControlFlowGraph root, IMethodSymbol? rootMethod, CancellationToken cancellationToken)
    {
        var collector = new AddressCollector();
        var type = rootMethod?.ContainingType;
        var members = type is null ? ImmutableHashSet<ISymbol>.Empty : summaries.Attach.MembersHoldingAttachments(type, cancellationToken);
        foreach (var graph in graphs)
        {
            var analysis = new AttachAnalysis(summaries.Attach, cancellationToken);
            var entry = AttachFlowState.Entry;
            foreach (var member in members) entry = analysis.Seed(entry, member, AttachmentKind.Member, out _);
            var owner = ShmWriteAnalysis.OwnerOf(graph, root, rootMethod);
            foreach (var parameter in owner is null ? Enumerable.Empty<IParameterSymbol>() : owner.Parameters)
            {
                if (parameter.RefKind != RefKind.Out && AttachSummaries.IsAddressType(parameter.Type)) entry = analysis.Seed(entry, parameter, AttachmentKind.Parameter, out _);
            }

            if (graph != root && owner is not null)
            {
                foreach (var captured in CapturedSymbols(graph, owner)) entry = analysis.Seed(entry, captured, AttachmentKind.Captured, out _);
            }

            // A graph that does not converge leaves its arguments unknown: the rule then says nothing about them.
            analysis.Analyze(graph, entry, collector);
        }

        return collector;
    }

    internal ImmutableHashSet<Attachment> ValuesAt(IOperation address)
    {
        if (arguments.TryGetValue(address.Syntax, out var found)) return found;
        return arguments.TryGetValue(address.WithoutConversions().Syntax, out found) ? found : ImmutableHashSet<Attachment>.Empty;
    }

    internal override void OnArgument(IOperation value, ImmutableHashSet<Attachment> values, AttachFlowState state)
    {
        arguments[value.Syntax] = arguments.TryGetValue(value.Syntax, out var old) ? old.Union(values) : values;
        foreach (var pair in state.Values)
        {
            if (pair.Key is not ISymbol symbol) continue;
            SymbolValues[symbol] = SymbolValues.TryGetValue(symbol, out var known) ? known.Union(pair.Value) : pair.Value;
        }
    }

    /// <summary>The address-typed locals and parameters of enclosing code that a lambda or local function uses.</summary>
    private static IEnumerable<ISymbol> CapturedSymbols(ControlFlowGraph graph, IMethodSymbol owner)
    {
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations.Concat(block.BranchValue is null ? [] : [block.BranchValue]))
            {
                foreach (var node in operation.DescendantsAndSelf())
                {
                    ISymbol? symbol = node switch
                    {
                        ILocalReferenceOperation local when AttachSummaries.IsAddressType(local.Local.Type) => local.Local,
                        IParameterReferenceOperation parameter when AttachSummaries.IsAddressType(parameter.Parameter.Type) => parameter.Parameter,
                        _ => null,
                    };
                    if (symbol is not null && !IsWithin(symbol.ContainingSymbol, owner) && seen.Add(symbol)) yield return symbol;
                }
            }
        }
    }

    private static bool IsWithin(ISymbol? symbol, ISymbol container)
    {
        for (var current = symbol; current is not null; current = current.ContainingSymbol)
        {
            if (SymbolEqualityComparer.Default.Equals(current, container)) return true;
        }

        return false;
    }
}
