using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>Computing one summary: the attach analysis run on the helper, each address parameter standing for the caller's address.</summary>
internal sealed partial class AttachSummaries
{
    private AttachSummary? Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var graph = GraphOf(method, cancellationToken);
        if (graph is null) return null;
        var analysis = new AttachAnalysis(this, cancellationToken);
        var entry = AttachFlowState.Entry;
        var parameters = method.Parameters;
        var seeds = new Attachment?[parameters.Length];
        foreach (var parameter in parameters)
        {
            if (parameter.RefKind == RefKind.Out || !IsAddressType(parameter.Type)) continue;
            entry = analysis.Seed(entry, parameter, AttachmentKind.Parameter, out var seed);
            seeds[parameter.Ordinal] = seed;
        }

        var captured = new Dictionary<ISymbol, Attachment>(SymbolEqualityComparer.Default);
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            foreach (var local in CapturedLocals(graph, method))
            {
                entry = analysis.Seed(entry, local, AttachmentKind.Captured, out var seed);
                captured[local] = seed;
            }
        }

        var collector = new SummaryCollector(analysis, method);
        if (!analysis.Analyze(graph, entry, collector)) return null;

        var exits = ImmutableArray.CreateBuilder<AttachPaths?>(parameters.Length);
        var accesses = ImmutableArray.CreateBuilder<bool>(parameters.Length);
        var returns = ImmutableArray.CreateBuilder<bool>(parameters.Length);
        var attachesOut = ImmutableArray.CreateBuilder<bool>(parameters.Length);
        foreach (var parameter in parameters)
        {
            var seed = seeds[parameter.Ordinal];
            exits.Add(seed is null ? null : collector.ExitPaths(seed));
            accesses.Add(seed is not null && collector.Accessed.Contains(seed));
            returns.Add(seed is not null && collector.Returned.Contains(seed));
            attachesOut.Add(parameter.RefKind == RefKind.Out && collector.AttachedAtExit(parameter));
        }

        var anyOut = attachesOut.Contains(true);
        var capturedExits = ImmutableDictionary<ISymbol, AttachPaths>.Empty.WithComparers(SymbolEqualityComparer.Default);
        foreach (var pair in captured) capturedExits = capturedExits.SetItem(pair.Key, collector.ExitPaths(pair.Value));
        return new AttachSummary(
            exits.MoveToImmutable(),
            accesses.MoveToImmutable(),
            returns.MoveToImmutable(),
            attachesOut.MoveToImmutable(),
            collector.ReturnsAttached,
            anyOut ? collector.TrueWhenAttached : null,
            neverReturns: collector.NormalExit is null,
            capturedExits);
    }

    /// <summary>The address-typed locals and parameters of the enclosing method that a local function reads or writes.</summary>
    private static IEnumerable<ISymbol> CapturedLocals(ControlFlowGraph graph, IMethodSymbol localFunction)
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
                        ILocalReferenceOperation local when IsAddressType(local.Local.Type) => local.Local,
                        IParameterReferenceOperation parameter when IsAddressType(parameter.Parameter.Type) => parameter.Parameter,
                        _ => null,
                    };
                    if (symbol is not null && !IsWithin(symbol.ContainingSymbol, localFunction) && seen.Add(symbol)) yield return symbol;
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

    /// <summary>Collects, over the replay of a helper, its normal exits, what it returns and what it reads through.</summary>
    private sealed class SummaryCollector(AttachAnalysis analysis, IMethodSymbol method) : AttachObserver
    {
        private readonly List<(bool? Returned, bool Attached, bool? TrueWhenAttached)> boolReturns = [];

        internal AttachFlowState? NormalExit { get; private set; }

        internal HashSet<Attachment> Accessed { get; } = [];

        internal HashSet<Attachment> Returned { get; } = [];

        internal bool ReturnsAttached { get; private set; }

        internal bool? TrueWhenAttached
        {
            get
            {
                bool? result = null;
                foreach (var (returned, attached, trueWhenAttached) in boolReturns)
                {
                    bool? here = trueWhenAttached ?? (returned is { } literal ? (attached ? literal : !literal) : null);
                    if (here is null || (result is { } earlier && earlier != here)) return null;
                    result = here;
                }

                return result;
            }
        }

        internal AttachPaths ExitPaths(Attachment seed) => NormalExit?.PathsOf(seed) ?? AttachPaths.None;

        internal bool AttachedAtExit(IParameterSymbol parameter)
            => NormalExit is { } exit && exit.ValuesOf(parameter).Any(v => v.IsOwnedHere && IsHandedOn(exit.PathsOf(v)));

        private static bool IsHandedOn(AttachPaths paths) => (paths & (AttachPaths.Attached | AttachPaths.Escaped)) != 0;

        internal override void OnAccess(IInvocationOperation access, IOperation address, ImmutableHashSet<Attachment> values, AttachFlowState state)
            => Accessed.UnionWith(values);

        internal override void OnReturn(IOperation returned, ImmutableHashSet<Attachment> values, AttachFlowState state)
        {
            foreach (var value in values)
            {
                if (!value.IsOwnedHere) Returned.Add(value);
                else if (state.PathsOf(value).MayBeAttached()) ReturnsAttached = true;
            }

            if (method.ReturnType.SpecialType != SpecialType.System_Boolean) return;
            var outs = method.Parameters.Where(p => p.RefKind == RefKind.Out).SelectMany(p => state.ValuesOf(p)).Where(v => v.IsOwnedHere).ToImmutableHashSet();
            var attached = outs.Any(v => IsHandedOn(state.PathsOf(v)));
            bool? literal = returned.WithoutConversions().ConstantValue is { HasValue: true, Value: bool b } ? b : null;
            bool? byTest = analysis.TryGetCondition(returned, state, out var tested, out var trueWhenFailed) && tested.Overlaps(outs) ? !trueWhenFailed : null;
            boolReturns.Add((literal, attached, byTest));
        }

        internal override void OnExit(AttachExit exit, AttachFlowState state)
        {
            if (exit.Kind is AttachExitKind.Return or AttachExitKind.End) NormalExit = NormalExit is null ? state : AttachFlowState.Join(NormalExit, state);
        }
    }
}
