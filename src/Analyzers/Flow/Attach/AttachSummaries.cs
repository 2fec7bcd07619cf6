using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Sessions;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>
/// The attachment facts of the compilation's own code, computed on first use and cached per compilation: method
/// summaries (<see cref="AttachSummary"/>), which fields and properties of a type hold an address the type attached,
/// and whether some method of the type detaches such a member. A method reached again while it is being summarised
/// (recursion) is unknown, and unknown callees keep what they are given.
/// </summary>
internal sealed partial class AttachSummaries
{
    private const int MaxDepth = 6;

    [ThreadStatic]
    private static Stack<IMethodSymbol>? inProgress;

    private readonly ConcurrentDictionary<IMethodSymbol, AttachSummary?> cache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> mentionsIpc = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ControlFlowGraph> localFunctionGraphs = new(SymbolEqualityComparer.Default);

    internal AttachSummaries(MethodSummaries resultChecks)
    {
        ResultChecks = resultChecks;
        Known = resultChecks.Known;
    }

    internal KnownSymbols Known { get; }

    /// <summary>The session's graph cache for helper bodies; null outside a session (tests): each graph is then built anew.</summary>
    internal SharedGraphs? Graphs { get; init; }

    /// <summary>IPC001's summaries, for bool helpers that test an address for failure (<c>if (Failed(addr)) return;</c>).</summary>
    internal MethodSummaries ResultChecks { get; }

    /// <summary>Local functions have no graph of their own outside their container's; the analysis registers them here.</summary>
    internal void RegisterLocalFunction(IMethodSymbol localFunction, ControlFlowGraph graph) => localFunctionGraphs.TryAdd(localFunction, graph);

    /// <summary>The summary, or null when the method cannot be seen (metadata, abstract, recursion): it keeps what it is given.</summary>
    internal AttachSummary? Get(IMethodSymbol method, bool hasTrackedArguments, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (cache.TryGetValue(method, out var cached)) return cached;
        if (!method.IsInSource()) return null;
        if (!hasTrackedArguments && !MentionsIpc(method)) return AttachSummary.NoEffect;
        // A local function's graph is known once its container has been analysed: do not cache "unknown" before that.
        if (method.MethodKind == MethodKind.LocalFunction && !localFunctionGraphs.ContainsKey(method)) return null;
        var stack = inProgress ??= new Stack<IMethodSymbol>();
        if (stack.Count >= MaxDepth || stack.Contains(method, SymbolEqualityComparer.Default)) return null;
        stack.Push(method);
        try
        {
            var summary = Compute(method, cancellationToken);
            return cache.GetOrAdd(method, summary);
        }
        finally
        {
            stack.Pop();
        }
    }

    private bool MentionsIpc(IMethodSymbol method) => mentionsIpc.GetOrAdd(method, m => m.DeclaringSyntaxReferences.Any(reference =>
        reference.GetSyntax().DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => IpcFunctionFacts.MayBeExternName(n.Identifier.ValueText))));

    /// <summary>The method's graph: its body, a registered local function, or null when it has none.</summary>
    internal ControlFlowGraph? GraphOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind == MethodKind.LocalFunction) return localFunctionGraphs.TryGetValue(method.OriginalDefinition, out var local) ? local : null;
        var implementation = method.PartialImplementationPart ?? method;
        if (implementation.DeclaringSyntaxReferences.Length != 1) return null;
        var syntax = implementation.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var hasBody = syntax switch
        {
            BaseMethodDeclarationSyntax declaration => declaration.Body is not null || declaration.ExpressionBody is not null,
            AccessorDeclarationSyntax accessor => accessor.Body is not null || accessor.ExpressionBody is not null,
            _ => false,
        };
        if (!hasBody) return null;
        return SharedGraphs.Create(Graphs, syntax, ResultChecks.ModelFor(syntax.SyntaxTree), cancellationToken);
    }

    /// <summary>The methods of a type that have a body here (constructors, accessors, Dispose, …).</summary>
    private static IEnumerable<IMethodSymbol> MethodsOf(INamedTypeSymbol type)
        => type.GetMembers().OfType<IMethodSymbol>().Where(m => m.IsInSource() && !m.IsImplicitlyDeclared);

    internal static bool IsAddressType(ITypeSymbol type) => type.IsPointerSized()
        || type.SpecialType is SpecialType.System_Int64 or SpecialType.System_UInt64;
}
