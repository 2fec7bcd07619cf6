using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.ResultCheck;
using IpcAnalyzers.Flow.Sessions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace IpcAnalyzers.Flow.Summaries;

/// <summary>
/// Summaries of the compilation's own methods, computed once on first use and cached per compilation. A method
/// being summarised that is reached again (recursion) counts as unknown. Methods that neither mention a libc
/// function nor receive a tracked argument are not analysed at all.
/// </summary>
internal sealed partial class MethodSummaries
{
    private const int MaxDepth = 6;

    [ThreadStatic]
    private static Stack<IMethodSymbol>? inProgress;

    private readonly KnownSymbols known;
    private readonly ConcurrentDictionary<IMethodSymbol, MethodSummary> cache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> mentionsIpc = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ControlFlowGraph> localFunctionGraphs = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> models = new();

    internal MethodSummaries(KnownSymbols known) => this.known = known;

    internal KnownSymbols Known => known;

    /// <summary>The session's helper graphs, shared with the other engines' summaries (null: build each graph here).</summary>
    internal SharedGraphs? Graphs { get; init; }

    /// <summary>Local functions have no graph of their own outside their container's; the analysis registers them here.</summary>
    internal void RegisterLocalFunction(IMethodSymbol localFunction, ControlFlowGraph graph) => localFunctionGraphs.TryAdd(localFunction, graph);

    /// <summary>The summary if it has been computed, without computing it.</summary>
    internal MethodSummary? Peek(IMethodSymbol method) => cache.TryGetValue(method.OriginalDefinition, out var summary) ? summary : null;

    internal MethodSummary Get(IMethodSymbol method, bool hasTrackedArguments, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (cache.TryGetValue(method, out var cached)) return cached;
        if (!method.Locations.Any(l => l.IsInSource)) return MethodSummary.Empty;
        if (!hasTrackedArguments && !MentionsIpc(method)) return MethodSummary.Empty;
        var stack = inProgress ??= new Stack<IMethodSymbol>();
        if (stack.Count >= MaxDepth || stack.Contains(method, SymbolEqualityComparer.Default)) return MethodSummary.Empty;
        stack.Push(method);
        try
        {
            // A local function's graph is known only once its container has been enumerated: do not cache "unknown".
            var summary = Compute(method, cancellationToken);
            return summary is null ? MethodSummary.Empty : cache.GetOrAdd(method, summary);
        }
        finally
        {
            stack.Pop();
        }
    }

    private bool MentionsIpc(IMethodSymbol method) => mentionsIpc.GetOrAdd(method, m => m.DeclaringSyntaxReferences.Any(reference =>
        reference.GetSyntax().DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => IpcFunctionFacts.MayBeExternName(n.Identifier.ValueText))));

    private ControlFlowGraph? GraphOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind == MethodKind.LocalFunction) return localFunctionGraphs.TryGetValue(method, out var local) ? local : null;
        var implementation = method.PartialImplementationPart ?? method;
        if (implementation.DeclaringSyntaxReferences.Length != 1) return null;
        var syntax = implementation.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var hasBody = syntax switch
        {
            BaseMethodDeclarationSyntax declaration => declaration.Body is not null || declaration.ExpressionBody is not null,
            _ => false,
        };
        if (!hasBody) return null;
        return SharedGraphs.Create(Graphs, syntax, ModelFor(syntax.SyntaxTree), cancellationToken);
    }

    /// <summary>One semantic model per tree for the compilation-wide questions (summaries, the SA_RESTART scan).</summary>
    internal SemanticModel ModelFor(SyntaxTree tree) => models.GetOrAdd(tree, SemanticModelFor);

#pragma warning disable RS1030 // A helper's body lives in another tree; one model per tree, cached for the compilation.
    private SemanticModel SemanticModelFor(SyntaxTree tree) => known.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
}
