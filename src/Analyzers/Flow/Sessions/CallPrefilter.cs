using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IpcAnalyzers.Flow.Sessions;

/// <summary>
/// A fast negative test on syntax, before an engine walks a body's operations or builds its graph: false means no
/// call in the body can reach the IPC surface, so the engine's own (symbol) test would find nothing. True means only
/// "maybe": the engine's symbol test decides. A call may matter when its name is a surface name
/// (<see cref="IpcFunctionFacts.MayBeExternName"/>, plus the engine's extra names such as Mem.Write), names a libc
/// extern (a renamed [DllImport]), or names a source method whose body may itself call one (transitively, the way
/// the summaries see helpers). Object creations and constructor initializers may matter when some source constructor
/// may; an invoked expression without a name, when anything may. The declaration table answers "is there a source
/// method of that name" without binding; answers are cached per name for the compilation.
/// </summary>
internal sealed class CallPrefilter
{
    private const int MaxDepth = 24;

    private readonly KnownSymbols known;
    private readonly Func<string, bool> isSurfaceName;
    private readonly ConcurrentDictionary<string, bool> names = new(StringComparer.Ordinal);
    private readonly Lazy<ILookup<string, IMethodSymbol>> explicitImplementations;
    private int constructors; // 0 unknown, 1 none may matter, 2 some may

    internal CallPrefilter(KnownSymbols known, Func<string, bool> isSurfaceName)
    {
        this.known = known;
        this.isSurfaceName = isSurfaceName;
        explicitImplementations = new Lazy<ILookup<string, IMethodSymbol>>(FindExplicitImplementations, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>False when no call in <paramref name="body"/> (the syntax of an operation block root) can reach the surface.</summary>
    internal bool MayCallSurface(SyntaxNode body, CancellationToken cancellationToken)
        => SyntaxMayMatter(body, new Search(cancellationToken));

    private bool SyntaxMayMatter(SyntaxNode syntax, Search search)
    {
        foreach (var node in syntax.DescendantNodesAndSelf())
        {
            search.CancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case IdentifierNameSyntax identifier when isSurfaceName(identifier.Identifier.ValueText):
                    return true;
                case InvocationExpressionSyntax invocation:
                    if (InvokedName(invocation.Expression) is not { } name || NameMayMatter(name, search)) return true;
                    break;
                case BaseObjectCreationExpressionSyntax or ConstructorInitializerSyntax:
                    if (ConstructorsMayMatter(search)) return true;
                    break;
            }
        }

        return false;
    }

    /// <summary>The simple name a call invokes, or null when the invoked expression has none (a delegate from an indexer, a call's result …).</summary>
    private static string? InvokedName(ExpressionSyntax expression) => expression switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        _ => null,
    };

    private bool NameMayMatter(string name, Search search)
    {
        if (isSurfaceName(name)) return true;
        if (names.TryGetValue(name, out var cached)) return cached;
        if (search.Depth >= MaxDepth) return true;
        // Seen earlier in this search: its answer is being (or was) worked out there. "No" here is only
        // provisional, so nothing that depended on it is cached as "no".
        if (!search.Visited.Add(name))
        {
            search.Provisional = true;
            return false;
        }

        var outerProvisional = search.Provisional;
        search.Provisional = false;
        search.Depth++;
        try
        {
            var result = false;
            foreach (var method in MethodsNamed(name))
            {
                if (MethodMayMatter(method, search))
                {
                    result = true;
                    break;
                }
            }

            if (result || !search.Provisional) names.TryAdd(name, result);
            return result;
        }
        finally
        {
            search.Depth--;
            search.Provisional |= outerProvisional;
        }
    }

    private IEnumerable<IMethodSymbol> MethodsNamed(string name)
    {
        if (known.Compilation.ContainsSymbolsWithName(name, SymbolFilter.Member))
        {
            foreach (var symbol in known.Compilation.GetSymbolsWithName(name, SymbolFilter.Member))
            {
                if (symbol is IMethodSymbol method) yield return method;
            }
        }

        // An interface call runs the implementation (the semaphore engine follows it), which may be explicit (I.Name).
        foreach (var method in explicitImplementations.Value[name]) yield return method;
    }

    private bool MethodMayMatter(IMethodSymbol method, Search search)
    {
        if (IpcCall.TryMatchMethod(method, known, out _)) return true;
        foreach (var reference in (method.PartialImplementationPart ?? method).DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(search.CancellationToken);
            var body = syntax switch
            {
                BaseMethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody,
                AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody,
                _ => null,
            };
            if (syntax is ConstructorDeclarationSyntax { Initializer: { } } && ConstructorsMayMatter(search)) return true;
            if (body is not null && SyntaxMayMatter(body, search)) return true;
        }

        return false;
    }

    /// <summary>Does any source constructor's body (or initializer) reach the surface? Worked out once for the compilation.</summary>
    private bool ConstructorsMayMatter(Search search)
    {
        var state = Volatile.Read(ref constructors);
        if (state != 0) return state == 2;
        if (search.InConstructorScan)
        {
            // Inside the scan itself: a creation matters only if some constructor does, which the scan is finding out.
            search.Provisional = true;
            return false;
        }

        var scan = new Search(search.CancellationToken) { InConstructorScan = true };
        var any = false;
        foreach (var symbol in known.Compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type, search.CancellationToken))
        {
            if (symbol is not INamedTypeSymbol type) continue;
            foreach (var constructor in type.InstanceConstructors.Concat(type.StaticConstructors))
            {
                if (MethodMayMatter(constructor, scan))
                {
                    any = true;
                    break;
                }
            }

            if (any) break;
        }

        Volatile.Write(ref constructors, any ? 2 : 1);
        return any;
    }

    private ILookup<string, IMethodSymbol> FindExplicitImplementations()
        => known.Compilation.GetSymbolsWithName(static name => name.IndexOf('.') >= 0, SymbolFilter.Member)
            .OfType<IMethodSymbol>()
            .Where(m => !m.ExplicitInterfaceImplementations.IsEmpty)
            .SelectMany(m => m.ExplicitInterfaceImplementations.Select(i => (i.Name, Method: m)))
            .ToLookup(p => p.Name, p => p.Method, StringComparer.Ordinal);

    /// <summary>One question's walk: the names met so far (each is worked out once per question) and the recursion depth.</summary>
    private sealed class Search(CancellationToken cancellationToken)
    {
        internal CancellationToken CancellationToken { get; } = cancellationToken;

        internal HashSet<string> Visited { get; } = new(StringComparer.Ordinal);

        internal int Depth { get; set; }

        /// <summary>A "no" met on the way is provisional (a name still being worked out): do not cache a "no" that depends on it.</summary>
        internal bool Provisional { get; set; }

        internal bool InConstructorScan { get; init; }
    }
}
