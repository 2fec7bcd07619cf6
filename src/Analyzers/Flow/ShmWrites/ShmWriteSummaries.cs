using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Attach;
using IpcAnalyzers.Flow.SemHold;
using IpcAnalyzers.Flow.Sessions;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ShmWrites;

/// <summary>
/// IPC005's per-compilation facts: which methods of the compilation write through an address parameter outside any
/// critical section of their own ("writes through parameter i": the caller judges the write at the call, where the
/// address is known to come from shmat and its own lock state is known), and which methods fork. Cached, with a
/// recursion guard: a method reached again while it is being summarised writes nothing and does not fork.
/// </summary>
internal sealed class ShmWriteSummaries
{
    private const int MaxDepth = 6;

    [ThreadStatic]
    private static Stack<IMethodSymbol>? inProgress;

    [ThreadStatic]
    private static HashSet<IMethodSymbol>? forking;

    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableHashSet<int>> writes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> forks = new(SymbolEqualityComparer.Default);

    internal ShmWriteSummaries(KnownSymbols known)
        : this(known, new AttachSummaries(new MethodSummaries(known)), new SemHoldSummaries(known), null)
    {
    }

    private ShmWriteSummaries(KnownSymbols known, AttachSummaries attach, SemHoldSummaries semHold, CallPrefilter? writeCalls)
    {
        Known = known;
        Attach = attach;
        SemHold = semHold;
        WriteCalls = writeCalls;
    }

    /// <summary>
    /// A fast negative test on a body's syntax: no call in it can reach the IPC surface or a shared-memory write (directly or
    /// through a helper). Null outside a <see cref="FlowSession"/> (tests): then every body is looked at.
    /// </summary>
    internal CallPrefilter? WriteCalls { get; }

    /// <summary>The compilation's instance, on the attach and semaphore-hold summaries IPC003/007/008/015 use; null when no shared-memory access can be recognised.</summary>
    internal static ShmWriteSummaries? For(Compilation compilation)
    {
        var session = FlowSession.For(compilation);
        if (session.Known is not { } known || !SharedMemoryAccess.IsAvailable(known) || AttachBodies.For(compilation) is not { } attach || SemHoldBodies.For(compilation) is not { } semHold) return null;
        return session.Shared(_ => new ShmWriteSummaries(
            known,
            attach.Summaries,
            semHold.Summaries,
            new CallPrefilter(session.SourceWords, static name => IpcFunctionFacts.IsName(name) || SharedMemoryAccess.MayBeWriteName(name))));
    }

    internal KnownSymbols Known { get; }

    internal AttachSummaries Attach { get; }

    internal SemHoldSummaries SemHold { get; }

    /// <summary>A write to shared memory (<see cref="SharedMemoryAccess"/>): the address operand, or null when the call is not one.</summary>
    internal IOperation? MemWriteAddress(IInvocationOperation invocation)
        => SharedMemoryAccess.TryMatch(invocation, Known, out var access) && access.IsWrite ? access.Address : null;

    /// <summary>The ordinals of the address parameters a source method writes through with no lock of its own.</summary>
    internal ImmutableHashSet<int> WrittenParameters(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (writes.TryGetValue(method, out var cached)) return cached;
        if (!method.IsInSource() || !method.Parameters.Any(p => AttachSummaries.IsAddressType(p.Type))) return ImmutableHashSet<int>.Empty;
        // A local function's graph is known once its container has been analysed: do not cache "nothing" before that.
        if (Attach.GraphOf(method, cancellationToken) is not { } graph) return ImmutableHashSet<int>.Empty;
        var stack = inProgress ??= new Stack<IMethodSymbol>();
        if (stack.Count >= MaxDepth || stack.Contains(method, SymbolEqualityComparer.Default)) return ImmutableHashSet<int>.Empty;
        stack.Push(method);
        try
        {
            var result = ShmWriteAnalysis.Run(this, graph, method, cancellationToken);
            return writes.GetOrAdd(method, result.WrittenParameters);
        }
        finally
        {
            stack.Pop();
        }
    }

    /// <summary>fork, or a source method that calls fork (directly or through its own helpers).</summary>
    internal bool Forks(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        if (IpcCall.TryMatch(invocation, Known, out var call)) return call.Function == IpcFunction.fork;
        return Forks(invocation.TargetMethod.OriginalDefinition, 0, cancellationToken);
    }

    private bool Forks(IMethodSymbol method, int depth, CancellationToken cancellationToken)
    {
        if (forks.TryGetValue(method, out var known)) return known;
        if (depth > MaxDepth || !method.IsInSource()) return false;
        var visiting = forking ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (!visiting.Add(method)) return false; // a cycle does not fork by itself
        try
        {
            var found = SemHold.BodiesOf(method, cancellationToken).Any(body => body.DescendantsAndSelf().OfType<IInvocationOperation>().Any(invocation =>
                IpcCall.TryMatch(invocation, Known, out var call)
                    ? call.Function == IpcFunction.fork
                    : Forks(invocation.TargetMethod.OriginalDefinition, depth + 1, cancellationToken)));
            return forks.GetOrAdd(method, found);
        }
        finally
        {
            visiting.Remove(method);
        }
    }
}
