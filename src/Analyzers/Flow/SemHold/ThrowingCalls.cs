using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>
/// Which calls may throw between a P and its V (IPC008). The decision, documented in docs/rules/IPC008.md:
/// - yes: invoking a delegate (Action, Func, an event), calling an interface or abstract member (code the caller
///   does not see), and calling a method or constructor of the compilation whose body throws, invokes a delegate or
///   calls such a method in turn (summarised once per compilation, with a recursion guard);
/// - no: the IPC surface (it reports failure with -1 and errno, never with an exception), Mem accesses (a bad
///   address kills the process, which SEM_UNDO handles, not a finally), and methods outside the compilation
///   (Console, collections, string formatting: flagging every call would bury the real leaks).
/// </summary>
internal sealed class ThrowingCalls
{
    private const int MaxDepth = 8;

    [ThreadStatic]
    private static Stack<IMethodSymbol>? inProgress;

    private readonly KnownSymbols known;
    private readonly SemHoldSummaries summaries;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> cache = new(SymbolEqualityComparer.Default);

    internal ThrowingCalls(KnownSymbols known, SemHoldSummaries summaries)
    {
        this.known = known;
        this.summaries = summaries;
    }

    /// <summary>The method a call runs: for an interface call on a receiver of known class, its implementation.</summary>
    internal static IMethodSymbol? Implementation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.ContainingType?.TypeKind != TypeKind.Interface) return method;
        var receiverType = invocation.Instance?.WithoutConversions().Type;
        if (receiverType is null || receiverType.TypeKind == TypeKind.Interface) return method;
        return receiverType.FindImplementationForInterfaceMember(method) as IMethodSymbol ?? method;
    }

    internal bool MayThrow(IOperation call, IMethodSymbol? target, CancellationToken cancellationToken)
    {
        if (target is null) return false;
        if (target.MethodKind == MethodKind.DelegateInvoke) return true;
        if (call is IInvocationOperation invocation && IpcCall.TryMatch(invocation, known, out _)) return false;
        if (SharedMemoryAccess.TryMatchMethod(target, known, out _, out _, out _)) return false;
        if (target.IsAbstract || target.ContainingType?.TypeKind == TypeKind.Interface) return true;
        return BodyMayThrow(target, cancellationToken);
    }

    private bool BodyMayThrow(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (cache.TryGetValue(method, out var cached)) return cached;
        if (!method.IsInSource()) return false;
        var stack = inProgress ??= new Stack<IMethodSymbol>();
        if (stack.Count >= MaxDepth || stack.Contains(method, SymbolEqualityComparer.Default)) return false;
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

    private bool Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var body in summaries.BodiesOf(method, cancellationToken))
        {
            foreach (var node in body.DescendantsAndSelf())
            {
                switch (node)
                {
                    case IThrowOperation:
                        return true;
                    case IInvocationOperation invocation when MayThrow(invocation, Implementation(invocation), cancellationToken):
                        return true;
                    case IObjectCreationOperation { Constructor: { } constructor } creation when BodyMayThrow(constructor, cancellationToken):
                        return true;
                }
            }
        }

        return false;
    }
}
