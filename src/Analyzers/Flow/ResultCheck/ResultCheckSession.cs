using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Summaries;
using IpcAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>
/// The result analysis shared by IPC001, IPC002, IPC006 and IPC012 in one compilation: one set of method summaries,
/// one SA_RESTART scan, and one analysis per body, computed by whichever of the four analyzers gets to the body first
/// (the others wait for it) and read by all. Each analyzer reports only its own rule's findings.
/// </summary>
internal sealed class ResultCheckSession
{
    private static readonly ConditionalWeakTable<Compilation, ResultCheckSession> Sessions = new();

    private readonly ConcurrentDictionary<BodyKey, BodyEntry> bodies = new();

    private ResultCheckSession(KnownSymbols? known)
    {
        Known = known;
        if (known is null) return;
        Summaries = new MethodSummaries(known);
        Handlers = new SignalHandlers(Summaries);
    }

    /// <summary>Null when the compilation has neither IpcSim nor libc externs: the rules register nothing.</summary>
    internal KnownSymbols? Known { get; }

    internal MethodSummaries? Summaries { get; }

    internal SignalHandlers? Handlers { get; }

    internal static ResultCheckSession For(Compilation compilation)
        => Sessions.GetValue(compilation, c => new ResultCheckSession(KnownSymbols.Create(c)));

    /// <summary>The findings of the four rules for the operation block of <paramref name="context"/>, computed once.</summary>
    internal BodyFindings FindingsFor(OperationBlockAnalysisContext context)
    {
        if (context.OperationBlocks.IsEmpty) return BodyFindings.None;
        var first = context.OperationBlocks[0].Syntax;
        var entry = bodies.GetOrAdd(new BodyKey(first.SyntaxTree, first.Span, context.OwningSymbol.Name), _ => new BodyEntry());
        lock (entry)
        {
            // A cancelled computation leaves nothing behind: the next analyzer to come computes it again.
            entry.Findings ??= BodyFindings.Compute(this, context);
            return entry.Findings;
        }
    }

    private readonly record struct BodyKey(SyntaxTree Tree, TextSpan Span, string Owner);

    private sealed class BodyEntry
    {
        internal BodyFindings? Findings { get; set; }
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

    internal static BodyFindings Compute(ResultCheckSession session, OperationBlockAnalysisContext context)
    {
        var known = session.Known!;
        var summaries = session.Summaries!;
        var collector = new FindingsCollector(session, context.CancellationToken);
        var any = false;
        foreach (var root in IpcBodies.GraphsToAnalyze(context, summaries))
        {
            any = true;
            ResultCheckAnalysis.AnalyzeBody(known, summaries, root, collector.ObserverFor, context.CancellationToken);
        }

        return any ? collector.ToFindings() : None;
    }

    /// <summary>Collects every rule's findings over the replay of each graph of one body.</summary>
    private sealed class FindingsCollector(ResultCheckSession session, System.Threading.CancellationToken cancellationToken)
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

        internal BodyFindings ToFindings() => new(ipc001.ToImmutableArray(), ipc002.ToImmutableArray(), ipc006.ToImmutableArray(), ipc012.ToImmutableArray());

        private sealed class GraphObserver(FindingsCollector owner) : ResultObserver
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
            if (call.Blocking == BlockingKind.RestartedBySaRestart && session.Handlers!.AllUseSaRestart(cancellationToken)) return;
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
