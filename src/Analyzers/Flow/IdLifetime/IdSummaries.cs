using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Sessions;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace IpcAnalyzers.Flow.IdLifetime;

/// <summary>
/// <see cref="IdSummary"/> of the compilation's own methods, computed once on first use and cached per compilation
/// (the same idea as Flow/Summaries). A method reached again while it is being summarised (recursion) counts as
/// doing nothing. Methods that neither mention a libc function nor receive a tracked id are not analysed.
/// </summary>
internal sealed class IdSummaries
{
    private const int MaxDepth = 6;

    [ThreadStatic]
    private static Stack<IMethodSymbol>? inProgress;

    private readonly KnownSymbols known;
    private readonly MethodSummaries resultSummaries;
    private readonly ConcurrentDictionary<IMethodSymbol, IdSummary> cache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> mentionsIpc = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ControlFlowGraph> localFunctionGraphs = new(SymbolEqualityComparer.Default);

    internal IdSummaries(KnownSymbols known)
        : this(known, new MethodSummaries(known))
    {
    }

    /// <summary>With the compilation's shared result-check summaries (Flow/Sessions).</summary>
    internal IdSummaries(KnownSymbols known, MethodSummaries resultSummaries)
    {
        this.known = known;
        this.resultSummaries = resultSummaries;
    }

    internal KnownSymbols Known => known;

    /// <summary>The session's graph cache for helper bodies; null outside a session (tests): each graph is then built anew.</summary>
    internal SharedGraphs? Graphs { get; init; }

    internal void RegisterLocalFunction(IMethodSymbol localFunction, ControlFlowGraph graph) => localFunctionGraphs.TryAdd(localFunction, graph);

    /// <summary>For a bool helper that checks a result (IPC001's summaries): what it returns when the argument is -1.</summary>
    internal bool? PredicateWhenFailed(IMethodSymbol method, CancellationToken cancellationToken)
        => resultSummaries.Get(method, hasTrackedArguments: true, cancellationToken).PredicateWhenFailed;

    /// <summary>True when the method is worth a summary without a tracked argument: it mentions the IPC surface.</summary>
    internal bool MentionsIpc(IMethodSymbol method) => mentionsIpc.GetOrAdd(method.OriginalDefinition, m => m.DeclaringSyntaxReferences.Any(reference =>
        reference.GetSyntax().DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => IpcFunctionFacts.MayBeExternName(n.Identifier.ValueText))));

    internal IdSummary Get(IMethodSymbol method, bool hasTrackedArguments, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (cache.TryGetValue(method, out var cached)) return cached;
        if (!method.IsInSource()) return IdSummary.Empty;
        if (!hasTrackedArguments && !MentionsIpc(method)) return IdSummary.Empty;
        var stack = inProgress ??= new Stack<IMethodSymbol>();
        if (stack.Count >= MaxDepth || stack.Contains(method, SymbolEqualityComparer.Default)) return IdSummary.Empty;
        stack.Push(method);
        try
        {
            return cache.GetOrAdd(method, Compute(method, cancellationToken));
        }
        finally
        {
            stack.Pop();
        }
    }

    private IdSummary Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var graph = GraphOf(method, cancellationToken);
        if (graph is null) return IdSummary.Empty;
        var analysis = new IdLifetimeAnalysis(known, this, cancellationToken);
        var entry = IdState.Entry;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind == RefKind.None) entry = entry.WithValue(parameter, ImmutableHashSet.Create(IdValue.Parameter(parameter)));
        }

        var result = analysis.Analyze(graph, entry);
        if (!result.Converged) return IdSummary.Empty;
        var listener = new SummaryListener();
        analysis.Replay(result, listener);
        return listener.ToSummary();
    }

    private ControlFlowGraph? GraphOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind == MethodKind.LocalFunction) return localFunctionGraphs.TryGetValue(method, out var local) ? local : null;
        var implementation = method.PartialImplementationPart ?? method;
        if (implementation.DeclaringSyntaxReferences.Length != 1) return null;
        var syntax = implementation.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var hasBody = syntax is BaseMethodDeclarationSyntax declaration && (declaration.Body is not null || declaration.ExpressionBody is not null);
        if (!hasBody) return null;
        return SharedGraphs.Create(Graphs, syntax, resultSummaries.ModelFor(syntax.SyntaxTree), cancellationToken);
    }

    /// <summary>Collects, over the replay of a helper, what happens to its parameters and what it returns.</summary>
    private sealed class SummaryListener : IdLifetimeListener
    {
        private ImmutableHashSet<int> removes = ImmutableHashSet<int>.Empty;
        private ImmutableDictionary<int, ImmutableHashSet<ISymbol>> stores = ImmutableDictionary<int, ImmutableHashSet<ISymbol>>.Empty;
        private ImmutableHashSet<int> handsOver = ImmutableHashSet<int>.Empty;
        private ImmutableHashSet<int> returns = ImmutableHashSet<int>.Empty;
        private IpcObjectKind? created;

        internal IdSummary ToSummary() => new(removes, stores, handsOver, returns, created);

        internal override void OnRemoved(IdValue value, IOperation site)
        {
            if (Ordinal(value) is { } ordinal) removes = removes.Add(ordinal);
        }

        internal override void OnStoredInField(IdValue value, ISymbol field, IOperation site)
        {
            if (Ordinal(value) is not { } ordinal) return;
            var fields = stores.TryGetValue(ordinal, out var existing) ? existing : ImmutableHashSet.Create<ISymbol>(SymbolEqualityComparer.Default);
            stores = stores.SetItem(ordinal, fields.Add(field));
        }

        internal override void OnHandedOver(IdValue value, IOperation site, HandOver how)
        {
            if (how == HandOver.Returned)
            {
                if (Ordinal(value) is { } returned) returns = returns.Add(returned);
                if (value.Creation is { } creation) created ??= creation.Kind;
                return;
            }

            if (Ordinal(value) is { } ordinal) handsOver = handsOver.Add(ordinal);
        }

        private static int? Ordinal(IdValue value) => value.Kind == IdValueKind.Parameter && value.Symbol is IParameterSymbol p ? p.Ordinal : null;
    }
}
