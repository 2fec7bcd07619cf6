using System.Collections.Immutable;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>Evaluation of one operation tree in order: what value it yields and how it changes the state.</summary>
internal sealed partial class ResultCheckAnalysis
{
    private static readonly ImmutableHashSet<TrackedResult> None = ImmutableHashSet<TrackedResult>.Empty;

    protected override ImmutableHashSet<TrackedResult> Empty => None;

    protected override bool IsUnreachable(ResultState state) => state.IsUnreachable;

    protected override ImmutableHashSet<TrackedResult> ReadLocal(ILocalSymbol local, ResultState state) => state.ValuesOf(local);

    protected override ImmutableHashSet<TrackedResult> ReadParameter(IParameterSymbol parameter, ResultState state) => state.ValuesOf(parameter);

    protected override ImmutableHashSet<TrackedResult> ReadCapture(CaptureId id, ResultState state) => state.ValuesOf(KeyOf(id));

    protected override ResultState WithCapture(ResultState state, CaptureId id, ImmutableHashSet<TrackedResult> value)
        => state.WithValue(KeyOf(id), value);

    protected override ImmutableHashSet<TrackedResult> ReadField(IFieldReferenceOperation field, ResultState state)
        => LocationOf(field) is { } key ? state.ValuesOf(key) : None;

    protected override ImmutableHashSet<TrackedResult> EvalPropertyReference(IPropertyReferenceOperation property, ref ResultState state)
    {
        if (!known.IsErrnoRead(property)) return base.EvalPropertyReference(property, ref state);
        observer?.OnErrnoRead(property, state);
        return TrackedResult.Errno.AsSet;
    }

    protected override void Assign(IOperation target, ImmutableHashSet<TrackedResult> value, IOperation store, ref ResultState state)
        => Assign(target, value, ref state);

    protected override ImmutableHashSet<TrackedResult> EvalOther(IOperation operation, ref ResultState state)
    {
        switch (operation)
        {
            case IDeconstructionAssignmentOperation deconstruction:
                return EvalDeconstruction(deconstruction, ref state);
            case ICompoundAssignmentOperation compound:
                {
                    var target = Eval(compound.Target, ref state);
                    var value = Eval(compound.Value, ref state);
                    ReportUse(compound, target.Union(value), state);
                    Assign(compound.Target, None, ref state);
                    return None;
                }

            case IIncrementOrDecrementOperation increment:
                ReportUse(increment, Eval(increment.Target, ref state), state);
                Assign(increment.Target, None, ref state);
                return None;
            case IBinaryOperation binary:
                return EvalBinary(binary, ref state);
            case IIsPatternOperation isPattern:
                {
                    var value = Eval(isPattern.Value, ref state);
                    if (!value.IsEmpty)
                    {
                        foreach (var node in isPattern.Pattern.DescendantsAndSelf())
                        {
                            if (node is IConstantPatternOperation constant) observer?.OnComparison(isPattern, value, constant.Value, state);
                        }

                        if (Patterns.ContainsFailureTest(isPattern.Pattern)) MarkChecked(value, ref state);
                        if (value.Contains(TrackedResult.Errno) && Patterns.Distinguishes(isPattern.Pattern, IpcConstants.EINTR)) MarkEintrTested(ref state);
                        AssignPatternDeclarations(isPattern.Pattern, value, ref state);
                    }

                    return None;
                }

            case IArrayElementReferenceOperation element:
                {
                    Eval(element.ArrayReference, ref state);
                    foreach (var index in element.Indices) ReportUse(index, Eval(index, ref state), state);
                    return None;
                }

            case IArrayCreationOperation creation:
                {
                    foreach (var size in creation.DimensionSizes) ReportUse(size, Eval(size, ref state), state);
                    Eval(creation.Initializer, ref state);
                    return None;
                }

            default:
                return EvalChildren(operation, ref state);
        }
    }

    protected override ImmutableHashSet<TrackedResult> EvalInvocation(IInvocationOperation invocation, ref ResultState state)
    {
        Eval(invocation.Instance, ref state);
        var callee = CalleeOf(invocation);
        if (callee.Assertion != AssertionKind.None) return EvalAssertion(invocation, callee.Assertion, ref state);

        var arguments = new ImmutableHashSet<TrackedResult>[invocation.Arguments.Length];
        for (var i = 0; i < invocation.Arguments.Length; i++)
        {
            arguments[i] = Eval(invocation.Arguments[i].Value, ref state);
            if (state.IsUnreachable) return None;
        }

        if (callee.IsErrnoRead)
        {
            observer?.OnErrnoRead(invocation, state);
            return TrackedResult.Errno.AsSet;
        }

        TrackedResult? result = null;
        if (callee.Ipc is { } call)
        {
            for (var i = 0; i < arguments.Length; i++) ReportUse(invocation.Arguments[i], arguments[i], state);
            if (call.Function == IpcFunction.perror) observer?.OnErrnoRead(invocation, state);
            if (call.Function.ReportsFailureWithMinusOne() || call.Function == IpcFunction.pause)
            {
                if (!sites.TryGetValue(invocation, out result))
                {
                    result = new TrackedResult(invocation, call.Name, call.Function, blocking.Classify(call), -1);
                    sites[invocation] = result;
                }
            }

            if (call.Function.SetsErrno()) state = AfterErrnoSettingCall(state, result);
            if (call.Function.NeverReturns()) return EndPath(ref state);
        }
        else if (callee.IsMemAccess)
        {
            for (var i = 0; i < arguments.Length; i++) ReportUse(invocation.Arguments[i], arguments[i], state);
        }
        else if (callee.NeverReturns)
        {
            return EndPath(ref state);
        }
        else
        {
            var summary = callee.Summary(summaries, HasTracked(arguments), cancellationToken);
            for (var i = 0; i < arguments.Length && !summary.IsEmpty; i++)
            {
                if (arguments[i].IsEmpty || invocation.Arguments[i].Parameter is not { } parameter) continue;
                if (summary.Checks(parameter.Ordinal)) MarkChecked(arguments[i], ref state);
                if (summary.Guards(parameter.Ordinal)) state = OnSuccessSide(state, arguments[i]);
                if (summary.RetriesOnEintr(parameter.Ordinal)) MarkEintrTested(ref state);
                if (summary.UsesUnchecked(parameter.Ordinal)) ReportUse(invocation.Arguments[i], arguments[i], state);
            }

            if (summary.IsEmpty && !callee.IsOnlyDisplayed)
            {
                // Handing a result to code we cannot see (a buffer length, an id kept elsewhere) is a use.
                for (var i = 0; i < arguments.Length; i++) ReportUse(invocation.Arguments[i], arguments[i], state);
            }

            if (summary.NeverReturns) return EndPath(ref state);
            if (summary.ReturnedResult is { } returned)
            {
                if (!sites.TryGetValue(invocation, out result))
                {
                    result = new TrackedResult(invocation, invocation.TargetMethod.Name, returned.Function, returned.Blocking, -1, returned.Name);
                    sites[invocation] = result;
                }

                state = AfterErrnoSettingCall(state, result);
            }
        }

        // An out or ref argument is overwritten by the callee with something we do not follow.
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref) Assign(argument.Value, None, ref state);
        }

        if (result is null) return None;
        observer?.OnCall(result, state);
        state = state.With(@unchecked: state.Unchecked.Add(result), pending: state.Pending.Add(result),
            failedUntested: state.FailedUntested.Remove(result), maybeFailed: state.MaybeFailed.Remove(result));
        return result.AsSet;
    }

    /// <summary>
    /// An assertion of a test framework: its arguments are compared or displayed, never used as ids; after it, what it
    /// asserts holds (it throws otherwise). A condition's message is built for the failing case: judged there.
    /// </summary>
    private ImmutableHashSet<TrackedResult> EvalAssertion(IInvocationOperation invocation, AssertionKind assertion, ref ResultState state)
    {
        var arguments = invocation.Arguments;
        if (arguments.Length == 0) return None;
        switch (assertion)
        {
            case AssertionKind.IsTrue:
            case AssertionKind.IsFalse:
                {
                    var condition = arguments[0].Value;
                    Eval(condition, ref state);
                    if (state.IsUnreachable) return None;
                    var passing = state;
                    var failing = state;
                    if (TryGetCondition(condition, state, out var tested, out var trueWhenFailed))
                    {
                        var passesWhenFailed = trueWhenFailed == (assertion == AssertionKind.IsTrue);
                        passing = passesWhenFailed ? OnFailureSide(state, tested) : OnSuccessSide(state, tested);
                        failing = passesWhenFailed ? OnSuccessSide(state, tested) : OnFailureSide(state, tested);
                    }

                    for (var i = 1; i < arguments.Length && !failing.IsUnreachable; i++) Eval(arguments[i].Value, ref failing);
                    state = passing;
                    return None;
                }

            case AssertionKind.AreEqual or AssertionKind.AreNotEqual when arguments.Length >= 2:
                {
                    var first = Eval(arguments[0].Value, ref state);
                    var second = Eval(arguments[1].Value, ref state);
                    for (var i = 2; i < arguments.Length; i++) Eval(arguments[i].Value, ref state);
                    if (state.IsUnreachable) return None;
                    var (tracked, other) = first.IsEmpty ? (second, arguments[0].Value) : (first, arguments[1].Value);
                    if (tracked.IsEmpty || !other.TryGetInteger(out var constant)) return None;

                    // Asserting errno's value (EINTR or any other) rules out an unhandled interruption: it throws otherwise.
                    if (tracked.Contains(TrackedResult.Errno) && assertion == AssertionKind.AreEqual) MarkEintrTested(ref state);
                    var results = tracked.Remove(TrackedResult.Errno);
                    if (results.IsEmpty) return None;
                    if (assertion == AssertionKind.AreEqual)
                    {
                        MarkChecked(results, ref state);
                        state = constant == -1 ? OnFailureSide(state, results) : OnSuccessSide(state, results);
                    }
                    else if (constant == -1)
                    {
                        MarkChecked(results, ref state);
                        state = OnSuccessSide(state, results);
                    }

                    return None;
                }

            default:
                foreach (var argument in arguments)
                {
                    Eval(argument.Value, ref state);
                    if (state.IsUnreachable) break;
                }

                return None;
        }
    }

    private ImmutableHashSet<TrackedResult> EndPath(ref ResultState state)
    {
        observer?.OnPathEnd(state, normal: false);
        state = ResultState.Unreachable;
        return None;
    }

    private static ResultState AfterErrnoSettingCall(ResultState state, TrackedResult? result)
    {
        var errno = (state.Errno & (ErrnoFacts.Fresh | ErrnoFacts.PendingAfterFailure)) != 0
            ? ErrnoFacts.PendingAfterFailure
            : ErrnoFacts.None;
        if ((state.Errno & (ErrnoFacts.Unknown | ErrnoFacts.Pending | ErrnoFacts.Stale)) != 0) errno |= ErrnoFacts.Pending;
        return state.With(errno: errno, lastCalls: result is null ? ImmutableHashSet<TrackedResult>.Empty : result.AsSet);
    }

    private ImmutableHashSet<TrackedResult> EvalBinary(IBinaryOperation binary, ref ResultState state)
    {
        var left = Eval(binary.LeftOperand, ref state);
        var right = Eval(binary.RightOperand, ref state);
        if (Comparisons.IsComparison(binary.OperatorKind))
        {
            if (Comparisons.TryGetTest(binary, left, right, out var tested, out var constant, out var value))
            {
                observer?.OnComparison(binary, tested, constant, state);
                var results = tested.Remove(TrackedResult.Errno);
                if (value is { } c && Comparisons.IsFailureTest(binary.OperatorKind, c, results)) MarkChecked(results, ref state);
                if (value is null && constant.IsNullLiteral()) MarkChecked(results, ref state);
                if (tested.Contains(TrackedResult.Errno) && value == IpcConstants.EINTR && binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals)
                {
                    MarkEintrTested(ref state);
                }
            }

            return None;
        }

        if (binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr
            || (binary.OperatorKind is BinaryOperatorKind.And or BinaryOperatorKind.Or && binary.Type?.SpecialType == SpecialType.System_Boolean))
        {
            return None;
        }

        // Arithmetic on an unchecked result: an address offset, a length, an index.
        ReportUse(binary, left.Union(right), state);
        return None;
    }

    private ImmutableHashSet<TrackedResult> EvalDeconstruction(IDeconstructionAssignmentOperation deconstruction, ref ResultState state)
    {
        var target = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
        if (target is ITupleOperation targets && deconstruction.Value.WithoutConversions() is ITupleOperation values
            && targets.Elements.Length == values.Elements.Length)
        {
            var evaluated = new ImmutableHashSet<TrackedResult>[values.Elements.Length];
            for (var i = 0; i < evaluated.Length; i++) evaluated[i] = Eval(values.Elements[i], ref state);
            for (var i = 0; i < evaluated.Length; i++) Assign(targets.Elements[i], evaluated[i], ref state);
            return None;
        }

        Eval(deconstruction.Value, ref state);
        Assign(deconstruction.Target, None, ref state);
        return None;
    }

    private static void Assign(IOperation target, ImmutableHashSet<TrackedResult> value, ref ResultState state)
    {
        switch (target.WithoutConversions())
        {
            case ILocalReferenceOperation local: state = state.WithValue(local.Local, value); break;
            case IParameterReferenceOperation parameter: state = state.WithValue(parameter.Parameter, value); break;
            case IFieldReferenceOperation field when LocationOf(field) is { } key: state = state.WithValue(key, value); break;
            case IDeclarationExpressionOperation declaration: Assign(declaration.Expression, value, ref state); break;
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements) Assign(element, ImmutableHashSet<TrackedResult>.Empty, ref state);
                break;
        }
    }

    private static void AssignPatternDeclarations(IPatternOperation pattern, ImmutableHashSet<TrackedResult> value, ref ResultState state)
    {
        foreach (var node in pattern.DescendantsAndSelf())
        {
            if (node is IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol local }) state = state.WithValue(local, value);
        }
    }

    /// <summary>Fields of this instance or static fields are locations; fields of other objects are not followed.</summary>
    private static object? LocationOf(IFieldReferenceOperation field)
        => field.Field.IsStatic || field.Instance is IInstanceReferenceOperation ? field.Field : null;

    private static void MarkChecked(ImmutableHashSet<TrackedResult> values, ref ResultState state)
        => state = state.With(@unchecked: state.Unchecked.Except(values));

    private static void MarkEintrTested(ref ResultState state)
        => state = state.With(failedUntested: ImmutableHashSet<TrackedResult>.Empty);

    private void ReportUse(IOperation use, ImmutableHashSet<TrackedResult> values, ResultState state)
    {
        if (values.IsEmpty || observer is null) return;
        var unchecked_ = values.Intersect(state.Unchecked);
        if (!unchecked_.IsEmpty) observer.OnUncheckedUse(use, unchecked_, state);
    }

    /// <summary>A capture's location key, boxed once per run rather than at every lookup.</summary>
    private object KeyOf(CaptureId id)
    {
        if (!captureKeys.TryGetValue(id, out var key))
        {
            key = id;
            captureKeys[id] = key;
        }

        return key;
    }

    /// <summary>What the analysis needs to know about a call's target, worked out once per call site and run.</summary>
    private Callee CalleeOf(IInvocationOperation invocation)
    {
        if (callees.TryGetValue(invocation, out var callee)) return callee;
        var method = invocation.TargetMethod;
        callee = new Callee(
            Assertions.Classify(method),
            known.IsErrnoRead(invocation),
            IpcCall.TryMatch(invocation, known, out var call) ? call : null,
            IsMemAccess(invocation),
            known.NeverReturns(method),
            IsOnlyDisplayed(method),
            method);
        callees[invocation] = callee;
        return callee;
    }

    private sealed class Callee(
        AssertionKind assertion, bool isErrnoRead, IpcCall? ipc, bool isMemAccess, bool neverReturns, bool isOnlyDisplayed, IMethodSymbol method)
    {
        private MethodSummary? withTracked;
        private MethodSummary? withoutTracked;

        internal AssertionKind Assertion => assertion;

        internal bool IsErrnoRead => isErrnoRead;

        internal IpcCall? Ipc => ipc;

        internal bool IsMemAccess => isMemAccess;

        internal bool NeverReturns => neverReturns;

        internal bool IsOnlyDisplayed => isOnlyDisplayed;

        internal MethodSummary Summary(MethodSummaries summaries, bool hasTrackedArguments, System.Threading.CancellationToken cancellationToken)
            => hasTrackedArguments
                ? withTracked ??= summaries.Get(method, true, cancellationToken)
                : withoutTracked ??= summaries.Get(method, false, cancellationToken);
    }

    private bool IsMemAccess(IInvocationOperation invocation) => SharedMemoryAccess.TryMatch(invocation, known, out _);

    /// <summary>Printing a value (Console, Debug, string formatting) does not use it as an id or a length.</summary>
    private static bool IsOnlyDisplayed(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null) return false;
        if (type.SpecialType == SpecialType.System_String) return true;
        var ns = type.ContainingNamespace?.ToDisplayString();
        return (ns == "System" && type.Name == "Console") || (ns == "System.Diagnostics" && type.Name is "Debug" or "Trace");
    }

    private static bool HasTracked(ImmutableHashSet<TrackedResult>[] arguments)
    {
        foreach (var argument in arguments)
        {
            if (!argument.IsEmpty) return true;
        }

        return false;
    }

    /// <summary>The tracked values an operand stands for, without evaluating it again (for branch conditions).</summary>
    private ImmutableHashSet<TrackedResult> ValuesOf(IOperation operation, ResultState state)
    {
        switch (operation.WithoutConversions())
        {
            case ILocalReferenceOperation local: return state.ValuesOf(local.Local);
            case IParameterReferenceOperation parameter: return state.ValuesOf(parameter.Parameter);
            case IFieldReferenceOperation field: return LocationOf(field) is { } key ? state.ValuesOf(key) : None;
            case IFlowCaptureReferenceOperation capture: return state.ValuesOf(KeyOf(capture.Id));
            case ISimpleAssignmentOperation assignment: return ValuesOf(assignment.Value, state);
            case IInvocationOperation invocation when sites.TryGetValue(invocation, out var site): return site.AsSet;
            case var other when known.IsErrnoRead(other): return TrackedResult.Errno.AsSet;
            default: return None;
        }
    }
}
