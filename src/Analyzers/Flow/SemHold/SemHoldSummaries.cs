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
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>
/// Per-compilation facts the semaphore-hold analysis needs beyond one body: helper summaries (computed once, cached,
/// with a recursion guard: a method reached again while being summarised counts as doing nothing), which calls may
/// throw, and the contents of sembuf fields that are written exactly once.
/// </summary>
internal sealed class SemHoldSummaries
{
    private const int MaxDepth = 6;

    [ThreadStatic]
    private static Stack<IMethodSymbol>? inProgress;

    private readonly ConcurrentDictionary<IMethodSymbol, SemHoldSummary> cache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ControlFlowGraph> localFunctionGraphs = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IFieldSymbol, FieldContents> fields = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> models = new();

    internal SemHoldSummaries(KnownSymbols known)
        : this(known, new MethodSummaries(known))
    {
    }

    /// <summary>With the compilation's shared result-check summaries (Flow/Sessions).</summary>
    internal SemHoldSummaries(KnownSymbols known, MethodSummaries resultSummaries)
    {
        Known = known;
        ResultSummaries = resultSummaries;
        Throwing = new ThrowingCalls(known, this);
    }

    internal KnownSymbols Known { get; }

    /// <summary>The session's graph cache for helper bodies; null outside a session (tests): each graph is then built anew.</summary>
    internal SharedGraphs? Graphs { get; init; }

    /// <summary>The result-check summaries: does a helper guard its argument (throw when it is -1)?</summary>
    internal MethodSummaries ResultSummaries { get; }

    internal ThrowingCalls Throwing { get; }

    internal void RegisterLocalFunction(IMethodSymbol localFunction, ControlFlowGraph graph) => localFunctionGraphs.TryAdd(localFunction, graph);

    internal SemHoldSummary Get(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (cache.TryGetValue(method, out var cached)) return cached;
        if (!method.IsInSource()) return SemHoldSummary.Empty;
        var stack = inProgress ??= new Stack<IMethodSymbol>();
        if (stack.Count >= MaxDepth || stack.Contains(method, SymbolEqualityComparer.Default)) return SemHoldSummary.Empty;
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

    /// <summary>The operation trees of a method's body (one, or none when it has no body in source).</summary>
    internal IEnumerable<IOperation> BodiesOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            if (localFunctionGraphs.TryGetValue(method, out var local)) yield return local.OriginalOperation;
            yield break;
        }

        foreach (var reference in (method.PartialImplementationPart ?? method).DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (syntax is not BaseMethodDeclarationSyntax { Body: not null } and not BaseMethodDeclarationSyntax { ExpressionBody: not null }) continue;
            if (ModelFor(syntax.SyntaxTree).GetOperation(syntax, cancellationToken) is { } operation) yield return operation;
        }
    }

    /// <summary>
    /// The elements of a Sembuf[] (or Sembuf) field written exactly once in its type: its initialiser, or one
    /// assignment (in a constructor). Null when it is written more than once, element by element, or unreadably.
    /// </summary>
    internal ImmutableArray<SembufValue?>? FieldSembufs(IFieldSymbol field, CancellationToken cancellationToken)
        => fields.GetOrAdd(field.OriginalDefinition, f => ReadField((IFieldSymbol)f, cancellationToken)).Elements;

    private SemHoldSummary Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var graph = GraphOf(method, cancellationToken);
        if (graph is null || !MayTouchSemaphores(graph.OriginalOperation, cancellationToken)) return SemHoldSummary.Empty;
        var analysis = new SemHoldAnalysis(this, cancellationToken);
        var result = analysis.Analyze(graph, HoldState.Entry);
        if (!result.Converged) return SemHoldSummary.Empty;
        var observer = new SummaryObserver(method);
        analysis.Replay(result, observer);
        var stored = ParametersStoredInFields(graph.OriginalOperation);
        var acquires = observer.HeldAtNormalExit.Where(observer.IsVisibleToCaller).Select(k => InFieldTerms(k, stored)).Distinct().ToImmutableArray();
        var releases = observer.ReleasedForCaller.Where(observer.IsVisibleToCaller).Select(k => InFieldTerms(k, stored))
            .Where(k => !acquires.Contains(k)).Distinct().ToImmutableArray();
        var neverReturns = !observer.SawNormalExit
            || ResultSummaries.Get(method, hasTrackedArguments: false, cancellationToken).NeverReturns;
        var parameterised = observer.ParameterisedSemops.Where(p => observer.IsVisibleToCaller(p.Semaphore) && observer.IsOwnParameter(p.OpParameter))
            .Select(p => (InFieldTerms(p.Semaphore, stored), p.OpParameter)).Distinct().ToImmutableArray();
        return new SemHoldSummary(acquires, releases, neverReturns, releases.IsEmpty ? ImmutableArray<SyntaxNode>.Empty : observer.ReleaseFlagSites.ToImmutableArray())
        {
            ParameterisedSemops = parameterised,
        };
    }

    /// <summary>
    /// A constructor that keeps its semid parameter in a field (<c>this.semid = semid</c>) and takes the lock on the
    /// parameter holds it, for its caller, on the field: the same key its Release or Dispose gives back.
    /// </summary>
    private static SemKey InFieldTerms(SemKey key, Dictionary<IParameterSymbol, IFieldSymbol> stored)
        => key.Root is IParameterSymbol parameter && stored.TryGetValue(parameter, out var field) ? new SemKey(field, key.Num, key.NumParameter) : key;

    private static Dictionary<IParameterSymbol, IFieldSymbol> ParametersStoredInFields(IOperation body)
    {
        var stored = new Dictionary<IParameterSymbol, IFieldSymbol>(SymbolEqualityComparer.Default);
        foreach (var node in body.DescendantsAndSelf())
        {
            if (node is ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } assignment
                && (field.Field.IsStatic || field.Instance is IInstanceReferenceOperation)
                && assignment.Value.WithoutConversions() is IParameterReferenceOperation parameter)
            {
                stored[parameter.Parameter] = field.Field.OriginalDefinition;
            }
        }

        return stored;
    }

    /// <summary>Only bodies with a semop, or a call of a helper that has an effect, are worth a dataflow.</summary>
    private bool MayTouchSemaphores(IOperation body, CancellationToken cancellationToken)
    {
        foreach (var node in body.DescendantsAndSelf())
        {
            switch (node)
            {
                case IInvocationOperation invocation when IpcCall.TryMatch(invocation, Known, out var call):
                    if (call.Function is IpcFunction.semop or IpcFunction.semtimedop || call.Function.NeverReturns()) return true;
                    break;
                case IInvocationOperation invocation when Known.NeverReturns(invocation.TargetMethod):
                    return true;
                case IInvocationOperation invocation when ThrowingCalls.Implementation(invocation) is { } target && !Get(target, cancellationToken).IsEmpty:
                    return true;
                case IObjectCreationOperation { Constructor: { } constructor } when !Get(constructor, cancellationToken).IsEmpty:
                    return true;
            }
        }

        return false;
    }

    private ControlFlowGraph? GraphOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind == MethodKind.LocalFunction) return localFunctionGraphs.TryGetValue(method, out var local) ? local : null;
        var implementation = method.PartialImplementationPart ?? method;
        if (implementation.DeclaringSyntaxReferences.Length != 1) return null;
        var syntax = implementation.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        if (syntax is not BaseMethodDeclarationSyntax declaration || (declaration.Body is null && declaration.ExpressionBody is null)) return null;
        return SharedGraphs.Create(Graphs, syntax, ModelFor(syntax.SyntaxTree), cancellationToken);
    }

    private FieldContents ReadField(IFieldSymbol field, CancellationToken cancellationToken)
    {
        if (field.ContainingType is not { } type) return FieldContents.Unknown;
        IOperation? written = null;
        var writes = 0;
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initial })
            {
                writes++;
                written = (ModelFor(initial.SyntaxTree).GetOperation(initial, cancellationToken) as IFieldInitializerOperation)?.Value;
            }
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var root = reference.GetSyntax(cancellationToken);
            var model = ModelFor(root.SyntaxTree);
            foreach (var name in root.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != field.Name || !IsWrite(name)) continue;
                if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, field)) continue;
                var assignment = name.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
                if (assignment is null || !IsWholeTarget(assignment.Left, name)) return FieldContents.Unknown;
                writes++;
                written = model.GetOperation(assignment.Right, cancellationToken);
            }
        }

        return writes == 1 && written is not null ? new FieldContents(ReadStatic(written)) : FieldContents.Unknown;
    }

    /// <summary>The name is (part of) the target of an assignment, an increment, or a ref/out argument.</summary>
    private static bool IsWrite(IdentifierNameSyntax name)
    {
        SyntaxNode node = name;
        while (node.Parent is MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or BracketedArgumentListSyntax { Parent: ElementAccessExpressionSyntax })
        {
            if (node.Parent is MemberAccessExpressionSyntax access && access.Name == node && node != name) break;
            node = node.Parent;
        }

        return node.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == node,
            ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None),
            PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
            _ => false,
        };
    }

    /// <summary><c>f = …</c> or <c>this.f = …</c>, not <c>f[0] = …</c> or <c>f[0].sem_op = …</c>.</summary>
    private static bool IsWholeTarget(ExpressionSyntax left, IdentifierNameSyntax name)
        => left == name || (left is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name);

    private ImmutableArray<SembufValue?>? ReadStatic(IOperation value)
    {
        var operation = value.WithoutConversions();
        IEnumerable<IOperation>? elements = operation switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            IArrayInitializerOperation initializer => initializer.ElementValues,
            IObjectCreationOperation creation when IsSembuf(creation.Type) => [creation],
            _ when operation.Syntax is CollectionExpressionSyntax => operation.ChildOperations,
            _ => null,
        };
        if (elements is null) return null;
        var builder = ImmutableArray.CreateBuilder<SembufValue?>();
        foreach (var element in elements)
        {
            builder.Add(element.WithoutConversions() is IObjectCreationOperation creation && IsSembuf(creation.Type) ? SemHoldAnalysis.ReadCreation(creation) : null);
        }

        return builder.ToImmutable();
    }

    private bool IsSembuf(ITypeSymbol? type) => Known.IsSembuf(type);

    internal SemanticModel ModelFor(SyntaxTree tree) => models.GetOrAdd(tree, SemanticModelFor);

#pragma warning disable RS1030 // A helper's body lives in another tree; one model per tree, cached for the compilation.
    private SemanticModel SemanticModelFor(SyntaxTree tree) => Known.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

    private sealed class FieldContents(ImmutableArray<SembufValue?>? elements)
    {
        internal static readonly FieldContents Unknown = new(null);

        internal ImmutableArray<SembufValue?>? Elements { get; } = elements;
    }

    /// <summary>Collects, over the replay of a helper, what is held when it returns and what it releases for its caller.</summary>
    private sealed class SummaryObserver(IMethodSymbol method) : HoldObserver
    {
        internal HashSet<SemKey> HeldAtNormalExit { get; } = [];

        internal HashSet<SemKey> ReleasedForCaller { get; } = [];

        internal List<SyntaxNode> ReleaseFlagSites { get; } = [];

        internal bool SawNormalExit { get; private set; }

        internal HashSet<(SemKey Semaphore, IParameterSymbol OpParameter)> ParameterisedSemops { get; } = [];

        internal override void OnParameterisedSemop(SemKey key, IParameterSymbol opParameter) => ParameterisedSemops.Add((key, opParameter));

        internal bool IsOwnParameter(IParameterSymbol parameter)
            => parameter.RefKind == RefKind.None && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method);

        internal override void OnRelease(SemKey key, ImmutableHashSet<Acquisition> released, IOperation site, SembufValue? sembuf, HoldState before)
        {
            // A V of a semaphore this method did not acquire on every path to it releases the caller's lock.
            if (before.IsHeldOnEveryPath(key)) return;
            ReleasedForCaller.Add(key);
            if (sembuf?.FlagSite is { } flagSite && !ReleaseFlagSites.Contains(flagSite)) ReleaseFlagSites.Add(flagSite);
        }

        internal override void OnExit(HoldState state, HoldExitKind kind, SyntaxNode where)
        {
            if (kind is not (HoldExitKind.Return or HoldExitKind.EndOfBody)) return;
            SawNormalExit = true;
            foreach (var pair in state.MayHeld) HeldAtNormalExit.Add(pair.Key);
        }

        /// <summary>Parameters of this method and fields mean the same to the caller; locals do not.</summary>
        internal bool IsVisibleToCaller(SemKey key)
        {
            var rootVisible = key.Root switch
            {
                IParameterSymbol parameter => parameter.RefKind == RefKind.None
                    && (SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method) || IsPrimaryConstructorParameter(parameter)),
                IFieldSymbol or IPropertySymbol => true,
                _ => false,
            };
            return rootVisible && (key.NumParameter is null || SymbolEqualityComparer.Default.Equals(key.NumParameter.ContainingSymbol, method));
        }

        /// <summary>A primary constructor's parameter, captured by the type's members, is a field in all but name.</summary>
        private bool IsPrimaryConstructorParameter(IParameterSymbol parameter)
            => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
               && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, method.ContainingType)
               && !SymbolEqualityComparer.Default.Equals(constructor, method);
    }
}
