using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Flow.ResultCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.Summaries;

/// <summary>Computing one summary: the result analysis run on the helper, with each parameter standing for a result.</summary>
internal sealed partial class MethodSummaries
{
    private MethodSummary? Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var graph = GraphOf(method, cancellationToken);
        if (graph is null) return method.MethodKind == MethodKind.LocalFunction ? null : MethodSummary.Empty;
        var analysis = new ResultCheckAnalysis(known, this, new BlockingCalls(known, graph.OriginalOperation), cancellationToken);
        var parameters = method.Parameters;
        var tracked = new TrackedResult?[parameters.Length];
        var entry = ResultState.Entry;
        foreach (var parameter in parameters)
        {
            if (!IsResultType(parameter.Type) || parameter.RefKind != RefKind.None) continue;
            var t = analysis.TrackParameter(parameter);
            tracked[parameter.Ordinal] = t;
            entry = entry.WithValue(parameter, t.AsSet)
                .With(@unchecked: entry.Unchecked.Add(t), pending: entry.Pending.Add(t));
        }

        var result = analysis.Analyze(graph, entry);
        if (!result.Converged) return MethodSummary.Empty;
        var observer = new SummaryObserver(tracked);
        analysis.Replay(result, observer);

        var exit = observer.NormalExit;
        var checks = ImmutableArray.CreateBuilder<bool>(parameters.Length);
        var guards = ImmutableArray.CreateBuilder<bool>(parameters.Length);
        var uses = ImmutableArray.CreateBuilder<bool>(parameters.Length);
        foreach (var t in tracked)
        {
            var checkedHere = t is not null && exit is not null && !exit.Unchecked.Contains(t);
            checks.Add(checkedHere);
            guards.Add(checkedHere && !exit!.MaybeFailed.Contains(t!) && !exit.Pending.Contains(t!));
            uses.Add(t is not null && observer.Used.Contains(t));
        }

        var testsEintr = method.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken).DescendantNodes()
            .OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == "EINTR"));
        return new MethodSummary(
            checks.MoveToImmutable(),
            guards.MoveToImmutable(),
            uses.MoveToImmutable(),
            testsEintr,
            neverReturns: exit is null && observer.SawAnyEnd,
            method.ReturnType.SpecialType == SpecialType.System_Boolean ? observer.PredicateWhenFailed : null,
            observer.Returned);
    }

    private static bool IsResultType(ITypeSymbol type) => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
        or SpecialType.System_IntPtr;

    /// <summary>Collects, over the replay of a helper, its normal exits, the results it returns and the parameters it uses.</summary>
    private sealed class SummaryObserver(TrackedResult?[] parameters) : ResultObserver
    {
        private bool predicateKnown = true;

        internal ResultState? NormalExit { get; private set; }

        internal bool SawAnyEnd { get; private set; }

        internal ImmutableHashSet<TrackedResult> Used { get; private set; } = ImmutableHashSet<TrackedResult>.Empty;

        internal ReturnedResult? Returned { get; private set; }

        internal bool? PredicateWhenFailed => predicateKnown ? whenFailed : null;

        private bool? whenFailed;

        internal override void OnPathEnd(ResultState state, bool normal)
        {
            SawAnyEnd = true;
            if (normal) NormalExit = NormalExit is null ? state : ResultState.Join(NormalExit, state);
        }

        internal override void OnUncheckedUse(IOperation use, ImmutableHashSet<TrackedResult> uncheckedResults, ResultState state)
            => Used = Used.Union(uncheckedResults.Where(r => r.IsParameter));

        internal override void OnReturn(IOperation returned, ImmutableHashSet<TrackedResult> values, ResultState state)
        {
            foreach (var value in values)
            {
                if (!value.IsCallResult) continue;
                if (state.Unchecked.Contains(value) || state.Pending.Contains(value) || state.MaybeFailed.Contains(value))
                {
                    var blocking = state.Pending.Contains(value) || state.FailedUntested.Contains(value) ? value.Blocking : BlockingKind.None;
                    Returned ??= new ReturnedResult(value.Helper ?? value.Name, value.Function, blocking);
                }
            }

            // A C-style helper: "return -1;" after a call failed passes the failure up.
            if (returned.TryGetInteger(out var constant) && constant == -1)
            {
                var failed = state.MaybeFailed.FirstOrDefault(r => r.IsCallResult);
                if (failed is not null) Returned ??= new ReturnedResult(failed.Helper ?? failed.Name, failed.Function, BlockingKind.None);
            }

            RecordPredicate(returned, state);
        }

        private void RecordPredicate(IOperation returned, ResultState state)
        {
            bool? value = null;
            var expression = returned.WithoutConversions();
            if (expression.ConstantValue is { HasValue: true, Value: bool literal })
            {
                var onFailurePath = parameters.Any(p => p is not null && state.MaybeFailed.Contains(p));
                var onSuccessPath = parameters.Any(p => p is not null && !state.MaybeFailed.Contains(p) && !state.Pending.Contains(p));
                if (onFailurePath == onSuccessPath)
                {
                    predicateKnown = false;
                    return;
                }

                value = onFailurePath ? literal : !literal;
            }
            else
            {
                value = EvaluateWhenParameterFails(expression, state);
            }

            if (value is null || (whenFailed is { } earlier && earlier != value))
            {
                predicateKnown = false;
                return;
            }

            whenFailed = value;
        }

        private bool? EvaluateWhenParameterFails(IOperation expression, ResultState state)
        {
            switch (expression)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return !EvaluateWhenParameterFails(not.Operand.WithoutConversions(), state);
                case IBinaryOperation binary when Comparisons.IsComparison(binary.OperatorKind):
                    {
                        var left = IsTrackedParameter(binary.LeftOperand, state);
                        var right = IsTrackedParameter(binary.RightOperand, state);
                        if (left && binary.RightOperand.TryGetInteger(out var c)) return Comparisons.Evaluate(binary.OperatorKind, -1, c);
                        if (right && binary.LeftOperand.TryGetInteger(out var d)) return Comparisons.Evaluate(Comparisons.Normalise(binary, false), -1, d);
                        return null;
                    }

                case IIsPatternOperation isPattern when IsTrackedParameter(isPattern.Value, state):
                    return Patterns.Matches(isPattern.Pattern, -1);
                default:
                    return null;
            }
        }

        private bool IsTrackedParameter(IOperation operand, ResultState state)
            => operand.WithoutConversions() is IParameterReferenceOperation p
               && state.ValuesOf(p.Parameter).Any(v => v.IsParameter && parameters.Contains(v));
    }
}
