using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Sessions;
using IpcAnalyzers.Flow.Summaries;
using IpcAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>
/// The result analysis of IPC001, IPC002, IPC006 and IPC012 in one compilation, on the shared <see cref="FlowSession"/>:
/// the session's result summaries and SA_RESTART scan, its call prefilter, and one analysis per body root in a
/// <see cref="BodyCache{T}"/>, computed by whichever of the four analyzers gets to the root first (the others wait for
/// it) and read by all. Each analyzer reports only its own rule's findings.
/// </summary>
internal sealed class ResultCheckBodies
{
    private readonly BodyCache<BodyFindings> findings = new();
    private readonly CallPrefilter prefilter;

    private ResultCheckBodies(FlowSession session)
    {
        Known = session.Known!;
        Summaries = session.ResultSummaries;
        Handlers = session.SignalHandlers;
        prefilter = session.SurfaceCalls;
    }

    internal KnownSymbols Known { get; }

    internal MethodSummaries Summaries { get; }

    internal SignalHandlers Handlers { get; }

    /// <summary>The compilation's instance, or null when it has neither IpcSim nor libc externs: the rules register nothing.</summary>
    internal static ResultCheckBodies? For(Compilation compilation)
    {
        var session = FlowSession.For(compilation);
        return session.Known is null ? null : session.Shared(static s => new ResultCheckBodies(s));
    }

    /// <summary>Reports the diagnostics <paramref name="rule"/> picks from the findings of each root of the block.</summary>
    internal void Report(OperationBlockAnalysisContext context, Func<BodyFindings, ImmutableArray<Diagnostic>> rule)
    {
        foreach (var root in context.OperationBlocks)
        {
            if (!IsGraphRoot(root)) continue;
            foreach (var diagnostic in rule(findings.GetOrCompute(root, r => Compute(context, r)))) context.ReportDiagnostic(diagnostic);
        }
    }

    private static bool IsGraphRoot(IOperation root) => root is IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation
        or IFieldInitializerOperation or IPropertyInitializerOperation;

    private BodyFindings Compute(OperationBlockAnalysisContext context, IOperation root)
    {
        var cancellationToken = context.CancellationToken;
        // Every finding hangs on a call (an IPC call, or a helper returning its result): the syntax test is trusted for "no" only.
        if (!prefilter.MayCallSurface(root.Syntax, cancellationToken) || !ContainsIpcCall(root, cancellationToken)) return BodyFindings.None;
        if (context.GetControlFlowGraph(root) is not { } graph) return BodyFindings.None;
        var collector = new BodyFindings.Collector(Handlers, cancellationToken);
        ResultCheckAnalysis.AnalyzeBody(Known, Summaries, graph, collector.ObserverFor, cancellationToken);
        return collector.ToFindings();
    }

    /// <summary>The root calls the IPC surface, a helper with a summary, or reads errno.</summary>
    private bool ContainsIpcCall(IOperation root, CancellationToken cancellationToken)
    {
        foreach (var node in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is IInvocationOperation invocation
                && (IpcCall.TryMatch(invocation, Known, out _)
                    || !Summaries.Get(invocation.TargetMethod, hasTrackedArguments: false, cancellationToken).IsEmpty))
            {
                return true;
            }

            if (node is IPropertyReferenceOperation property && Known.IsErrnoRead(property)) return true;
        }

        return false;
    }
}

/// <summary>What the result analysis found in one body, as diagnostics ready to report, one list per rule.</summary>
internal sealed class BodyFindings
{
    internal static readonly BodyFindings None = new(ImmutableArray<Diagnostic>.Empty, ImmutableArray<Diagnostic>.Empty, ImmutableArray<Diagnostic>.Empty, ImmutableArray<Diagnostic>.Empty);

    private BodyFindings(ImmutableArray<Diagnostic> ipc001, ImmutableArray<Diagnostic> ipc002, ImmutableArray<Diagnostic> ipc006, ImmutableArray<Diagnostic> ipc012)
    {
        IPC001 = ipc001;
        IPC002 = ipc002;
        IPC006 = ipc006;
        IPC012 = ipc012;
    }

    internal ImmutableArray<Diagnostic> IPC001 { get; }

    internal ImmutableArray<Diagnostic> IPC002 { get; }

    internal ImmutableArray<Diagnostic> IPC006 { get; }

    internal ImmutableArray<Diagnostic> IPC012 { get; }

    /// <summary>Collects every rule's findings over the replay of each graph of one body.</summary>
    internal sealed class Collector(SignalHandlers handlers, CancellationToken cancellationToken)
    {
        private readonly List<Diagnostic> ipc001 = [];
        private readonly List<Diagnostic> ipc002 = [];
        private readonly List<Diagnostic> ipc006 = [];
        private readonly List<Diagnostic> ipc012 = [];
        private readonly HashSet<TrackedResult> reportedResults = [];
        private readonly HashSet<TrackedResult> reportedBlocking = [];
        private readonly HashSet<IOperation> reportedComparisons = [];
        private readonly HashSet<IOperation> reportedReads = [];

        internal ResultObserver ObserverFor(Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph graph) => new GraphObserver(this);

        internal BodyFindings ToFindings() => ipc001.Count + ipc002.Count + ipc006.Count + ipc012.Count == 0
            ? None
            : new(ipc001.ToImmutableArray(), ipc002.ToImmutableArray(), ipc006.ToImmutableArray(), ipc012.ToImmutableArray());

        private sealed class GraphObserver(Collector owner) : ResultObserver
        {
            private readonly List<(IOperation Read, string Why)> errnoReads = [];
            private bool hasOwnIpcCall;

            internal override void OnCall(TrackedResult call, ResultState before)
            {
                if (call.Helper is null && !hasOwnIpcCall)
                {
                    hasOwnIpcCall = true;
                    foreach (var (read, why) in errnoReads) owner.ReportErrnoRead(read, why);
                    errnoReads.Clear();
                }
            }

            internal override void OnDiscard(TrackedResult call, ResultState state)
                => owner.ReportUnchecked(call, IPC001Properties.Discarded, $"Result of {call.Describe()} is discarded");

            internal override void OnUncheckedUse(IOperation use, ImmutableHashSet<TrackedResult> uncheckedResults, ResultState state)
            {
                foreach (var result in uncheckedResults)
                {
                    owner.ReportUnchecked(result, IPC001Properties.Used, $"Result of {result.Describe()} is used on a path where it was never compared with -1");
                }
            }

            internal override void OnComparison(IOperation comparison, ImmutableHashSet<TrackedResult> values, IOperation constant, ResultState state)
                => owner.ReportShmatZeroTest(comparison, values, constant);

            internal override void OnErrnoRead(IOperation read, ResultState state)
            {
                string why;
                if ((state.Errno & ErrnoFacts.Stale) != 0) why = "the last IPC call on this path did not return -1";
                else if ((state.Errno & ErrnoFacts.PendingAfterFailure) != 0) why = "another call came between the failure and the read";
                else return;

                // Bodies without an IPC call of their own (a Die(msg) helper) are not judged: hold the finding until one shows up.
                if (hasOwnIpcCall) owner.ReportErrnoRead(read, why);
                else errnoReads.Add((read, why));
            }

            internal override void OnPathEnd(ResultState state, bool normal)
            {
                foreach (var call in state.FailedUntested) owner.ReportNotRetried(call);
            }
        }

        private void ReportUnchecked(TrackedResult result, string kind, string message)
        {
            if (result.Origin is null || (result.Helper is null && !result.Function.ReportsFailureWithMinusOne()) || !reportedResults.Add(result)) return;
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(IPC001Properties.Kind, kind)
                .Add(IPC001Properties.Function, result.Function == IpcFunction.None ? result.Name : result.Function.ToString());
            ipc001.Add(Diagnostic.Create(Descriptors.IPC001CheckResult, result.Origin.Syntax.GetLocation(), properties, message));
        }

        private void ReportShmatZeroTest(IOperation comparison, ImmutableHashSet<TrackedResult> values, IOperation constant)
        {
            if (!HasShmatResult(values)) return;
            if (comparison is Microsoft.CodeAnalysis.Operations.IBinaryOperation { OperatorKind: not (Microsoft.CodeAnalysis.Operations.BinaryOperatorKind.Equals or Microsoft.CodeAnalysis.Operations.BinaryOperatorKind.NotEquals) }) return;
            var isZero = constant.TryGetInteger(out var value) ? value == 0 : constant.IsNullLiteral();
            if (!isZero || !reportedComparisons.Add(comparison)) return;
            ipc002.Add(Diagnostic.Create(
                Descriptors.IPC002ShmatFailsWithMinusOne,
                comparison.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(IPC002Properties.ConstantStart, constant.Syntax.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                constant.Syntax.ToString()));
        }

        private static bool HasShmatResult(ImmutableHashSet<TrackedResult> values)
        {
            foreach (var value in values)
            {
                if (value.IsCallResult && value.Function == IpcFunction.shmat) return true;
            }

            return false;
        }

        private void ReportNotRetried(TrackedResult call)
        {
            if (call.Origin is null || call.Blocking == BlockingKind.None || reportedBlocking.Contains(call)) return;
            if (call.Blocking == BlockingKind.RestartedBySaRestart && handlers.AllUseSaRestart(cancellationToken)) return;
            reportedBlocking.Add(call);
            ipc006.Add(Diagnostic.Create(Descriptors.IPC006RetryOnEintr, call.Origin.Syntax.GetLocation(), call.Describe()));
        }

        private void ReportErrnoRead(IOperation read, string why)
        {
            if (!reportedReads.Add(read)) return;
            var name = read is Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation ? invocation.TargetMethod.Name : "errno";
            ipc012.Add(Diagnostic.Create(Descriptors.IPC012ErrnoWithoutFailure, read.Syntax.GetLocation(), name, why));
        }
    }
}
