using System.Collections.Immutable;
using System.Linq;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.ResultCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>Evaluation of one operation tree in order: the P's whose result it yields, and how it changes the state.</summary>
internal sealed partial class SemHoldAnalysis
{
    private static readonly ImmutableHashSet<Acquisition> None = ImmutableHashSet<Acquisition>.Empty;

    protected override Value Empty => default;

    protected override bool IsUnreachable(HoldState state) => state.IsUnreachable;

    protected override Value ReadLocal(ILocalSymbol local, HoldState state) => new(state.ResultAt(local));

    protected override Value ReadParameter(IParameterSymbol parameter, HoldState state) => new(state.ResultAt(parameter));

    protected override Value ReadCapture(CaptureId id, HoldState state) => new(state.ResultAt(id));

    protected override HoldState WithCapture(HoldState state, CaptureId id, Value value) => state.WithResult(id, value.Results);

    protected override Value EvalInvocation(IInvocationOperation invocation, ref HoldState state) => new(EvalCall(invocation, ref state));

    protected override Value EvalObjectCreation(IObjectCreationOperation creation, ref HoldState state) => new(EvalCreation(creation, ref state));

    protected override Value EvalCapture(IFlowCaptureOperation capture, ref HoldState state)
    {
        captured[capture.Id] = capture.Value;
        base.EvalCapture(capture, ref state);
        if (IsSembufStorage(capture.Value.Type)) state = state.WithSembufs(capture.Id, ReadSembufs(capture.Value, state));
        return default;
    }

    /// <summary>An assignment yields the P's of its value, never a test of them.</summary>
    protected override Value EvalSimpleAssignment(ISimpleAssignmentOperation assignment, ref HoldState state)
        => new(base.EvalSimpleAssignment(assignment, ref state).Results);

    protected override void EvalTargetInstance(IOperation target, ref HoldState state) => EvalTargetParts(target, ref state);

    /// <summary>Only simple assignments store here; a sembuf store reads the assigned operation itself.</summary>
    protected override void Assign(IOperation target, Value value, IOperation store, ref HoldState state)
        => Assign(target, store is ISimpleAssignmentOperation assignment ? assignment.Value : store, value.Results, ref state);

    protected override Value EvalOther(IOperation operation, ref HoldState state)
    {
        switch (operation)
        {
            case ICompoundAssignmentOperation compound:
                Eval(compound.Target, ref state);
                Eval(compound.Value, ref state);
                Forget(compound.Target, ref state);
                return default;
            case IIncrementOrDecrementOperation increment:
                Eval(increment.Target, ref state);
                Forget(increment.Target, ref state);
                return default;
            case IBinaryOperation binary:
                return EvalBinary(binary, ref state);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                {
                    var value = Eval(not.Operand, ref state);
                    var condition = ConditionOf(not.Operand, value);
                    return condition.Tested is null ? default : new Value(None, condition.Tested, !condition.TrueWhenFailed);
                }

            case IIsPatternOperation isPattern:
                {
                    var value = Eval(isPattern.Value, ref state);
                    if (value.Results.IsEmpty || Patterns.Matches(isPattern.Pattern, -1) is not { } matches) return default;
                    return new Value(None, value.Results, matches);
                }

            default:
                return EvalChildren(operation, ref state);
        }
    }

    private ImmutableHashSet<Acquisition> EvalCall(IInvocationOperation invocation, ref HoldState state)
    {
        observer?.OnOperation(invocation, state);
        Eval(invocation.Instance, ref state);
        var arguments = new Value[invocation.Arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Eval(invocation.Arguments[i].Value, ref state);
            if (state.IsUnreachable) return None;
        }

        ImmutableHashSet<Acquisition> made;
        if (IpcCall.TryMatch(invocation, known, out var call))
        {
            // The IPC surface reports failure with -1 and errno; it does not throw.
            if (call.Function.NeverReturns()) return EndProcess(ref state);
            made = call.Function is IpcFunction.semop or IpcFunction.semtimedop ? ApplySemop(call, ref state) : None;
        }
        else if (known.NeverReturns(invocation.TargetMethod))
        {
            return EndProcess(ref state);
        }
        else
        {
            var target = ThrowingCalls.Implementation(invocation);
            var summary = target is null ? null : summaries.Get(target, cancellationToken);
            if (summaries.Throwing.MayThrow(invocation, target, cancellationToken))
            {
                // A Release/Unlock helper throws only when its own V failed, and then nothing is left to release:
                // its exception path leaves with the release made.
                var atThrow = summary is null || target is null ? state : Released(summary, target, invocation.Arguments, state);
                ReportMayThrow(invocation, arguments, atThrow);
            }

            if (target is null || summary is null) return None;
            if (summary.NeverReturns) return EndProcess(ref state);
            made = ApplySummary(summary, invocation, target, invocation.Arguments, target.ReturnType, ref state);
        }

        ForgetRefArguments(invocation.Arguments, ref state);
        return made;
    }

    private ImmutableHashSet<Acquisition> EvalCreation(IObjectCreationOperation creation, ref HoldState state)
    {
        observer?.OnOperation(creation, state);
        for (var i = 0; i < creation.Arguments.Length; i++)
        {
            Eval(creation.Arguments[i].Value, ref state);
            if (state.IsUnreachable) return None;
        }

        Eval(creation.Initializer, ref state);
        if (creation.Constructor is not { } constructor || IsSembuf(creation.Type)) return None;
        if (summaries.Throwing.MayThrow(creation, constructor, cancellationToken))
        {
            RecordThrow(state);
            var escaping = EscapeState(currentBlock!, state);
            if (escaping is not null) observer!.OnExit(escaping, HoldExitKind.MayThrow, creation.Syntax);
        }

        var summary = summaries.Get(constructor, cancellationToken);
        var made = ApplySummary(summary, creation, constructor, creation.Arguments, creation.Type, ref state);
        ForgetRefArguments(creation.Arguments, ref state);
        return made;
    }

    /// <summary>An exception from this call leaves with the P's it guards undone (a Check(r) helper throws only when r is -1).</summary>
    private void ReportMayThrow(IInvocationOperation invocation, Value[] arguments, HoldState state)
    {
        var atThrow = state;
        if (arguments.Any(a => !a.Results.IsEmpty))
        {
            var checks = summaries.ResultSummaries.Get(invocation.TargetMethod, hasTrackedArguments: true, cancellationToken);
            for (var i = 0; i < arguments.Length; i++)
            {
                if (arguments[i].Results.IsEmpty || invocation.Arguments[i].Parameter is not { } parameter) continue;
                if (checks.Guards(parameter.Ordinal) || checks.Checks(parameter.Ordinal)) atThrow = atThrow.Undo(arguments[i].Results);
            }
        }

        RecordThrow(atThrow);
        if (EscapeState(currentBlock!, atThrow) is { } escaping) observer!.OnExit(escaping, HoldExitKind.MayThrow, invocation.Syntax);
    }

    private static ImmutableHashSet<Acquisition> EndProcess(ref HoldState state)
    {
        // exit(), _exit(), Environment.Exit, [DoesNotReturn]: the kernel applies SEM_UNDO; not a path out of the method.
        state = HoldState.Unreachable;
        return None;
    }

    private Value EvalBinary(IBinaryOperation binary, ref HoldState state)
    {
        var left = Eval(binary.LeftOperand, ref state);
        var right = Eval(binary.RightOperand, ref state);
        if (!Comparisons.IsComparison(binary.OperatorKind)) return default;
        if (!left.Results.IsEmpty && TryGetConstant(binary.RightOperand, out var c))
        {
            return Compare(left.Results, Comparisons.Normalise(binary, trackedOnLeft: true), c);
        }

        if (!right.Results.IsEmpty && TryGetConstant(binary.LeftOperand, out var d))
        {
            return Compare(right.Results, Comparisons.Normalise(binary, trackedOnLeft: false), d);
        }

        return default;
    }

    /// <summary>The truth of "result op constant" on the failure side: -1, or false for a bool helper.</summary>
    private static Value Compare(ImmutableHashSet<Acquisition> tested, BinaryOperatorKind kind, long constant)
    {
        var failsWithFalse = tested.All(a => a.FailsWithFalse);
        var failure = failsWithFalse ? 0 : -1;
        if (failsWithFalse && kind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals)) return default;
        return new Value(None, tested, Comparisons.Evaluate(kind, failure, constant));
    }

    private static bool TryGetConstant(IOperation operand, out long value)
    {
        if (operand.WithoutConversions().ConstantValue is { HasValue: true, Value: bool flag })
        {
            value = flag ? 1 : 0;
            return true;
        }

        return operand.TryGetInteger(out value);
    }

    /// <summary>A bool result tested directly (<c>if (!TryLock(id))</c>) is a test of it.</summary>
    private static Value ConditionOf(IOperation operand, Value value)
    {
        if (value.Tested is not null) return value;
        if (!value.Results.IsEmpty && operand.Type?.SpecialType == SpecialType.System_Boolean && value.Results.All(a => a.FailsWithFalse))
        {
            return new Value(None, value.Results, trueWhenFailed: false);
        }

        return default;
    }

    /// <summary>
    /// What a store evaluates besides its value: the instance, indices and arguments of the place it writes (a
    /// ref-returning call as the target runs). Only the target's children are evaluated, never the target again: a
    /// static field has no instance to descend to.
    /// </summary>
    private void EvalTargetParts(IOperation target, ref HoldState state)
    {
        switch (target.WithoutConversions())
        {
            case IFieldReferenceOperation or IPropertyReferenceOperation or IArrayElementReferenceOperation:
                foreach (var part in target.WithoutConversions().ChildOperations)
                {
                    Eval(part, ref state);
                    if (state.IsUnreachable) break;
                }

                break;
            case IInvocationOperation call:
                Eval(call, ref state);
                break;
        }
    }

    private void Assign(IOperation target, IOperation value, ImmutableHashSet<Acquisition> results, ref HoldState state)
    {
        switch (target.WithoutConversions())
        {
            case ILocalReferenceOperation local:
                state = state.WithResult(local.Local, results);
                if (IsSembufStorage(local.Local.Type)) state = state.WithSembufs(local.Local, ReadSembufs(value, state));
                break;
            case IParameterReferenceOperation parameter:
                state = state.WithResult(parameter.Parameter, results);
                break;
            case IArrayElementReferenceOperation element when SembufStorage(element.ArrayReference) is { } array:
                {
                    var written = ReadSembuf(value, state);
                    state = WithElement(state, array, element.Indices, _ => written);
                    break;
                }

            case IFieldReferenceOperation { Field.Name: "sem_num" or "sem_op" or "sem_flg" } field when IsSembuf(field.Field.ContainingType):
                AssignSembufField(field, value, ref state);
                break;
        }
    }

    /// <summary><c>ops[0].sem_op = -1;</c> or <c>sb.sem_flg = SEM_UNDO;</c></summary>
    private void AssignSembufField(IFieldReferenceOperation field, IOperation value, ref HoldState state)
    {
        var assignment = field.Parent?.Syntax ?? value.Syntax;
        System.Func<SembufValue?, SembufValue?> update = element =>
        {
            if (element is null) return null;
            var known = value.TryGetInteger(out var constant);
            return field.Field.Name switch
            {
                "sem_num" => value.WithoutConversions() is IParameterReferenceOperation p
                    ? element.With(num: null, numParameter: p.Parameter, setNum: true)
                    : element.With(num: known ? constant : null, setNum: true),
                "sem_op" => element.With(op: known ? constant : null, setOp: true)
                    .WithOpParameter(!known && value.WithoutConversions() is IParameterReferenceOperation o ? o.Parameter : null),
                _ => element.With(flags: known ? constant : null, setFlags: true, flagSite: assignment),
            };
        };
        switch (field.Instance?.WithoutConversions())
        {
            case IArrayElementReferenceOperation element when SembufStorage(element.ArrayReference) is { } array:
                state = WithElement(state, array, element.Indices, update);
                break;
            case ILocalReferenceOperation local when state.Sembufs.TryGetValue(local.Local, out var single) && single.Length == 1:
                state = state.WithSembufs(local.Local, ImmutableArray.Create(update(single[0])));
                break;
            case IFlowCaptureReferenceOperation capture when state.Sembufs.TryGetValue(capture.Id, out var created) && created.Length == 1:
                // new Sembuf { sem_op = -1 }: the graph creates the struct, then assigns its fields.
                state = state.WithSembufs(capture.Id, ImmutableArray.Create(update(created[0])));
                break;
        }
    }

    private static HoldState WithElement(HoldState state, ILocalSymbol array, ImmutableArray<IOperation> indices, System.Func<SembufValue?, SembufValue?> update)
    {
        if (!state.Sembufs.TryGetValue(array, out var elements)) return state;
        if (indices.Length != 1 || !indices[0].TryGetInteger(out var index) || index < 0 || index >= elements.Length)
        {
            return state.WithSembufs(array, null);
        }

        return state.WithSembufs(array, elements.SetItem((int)index, update(elements[(int)index])));
    }

    private ILocalSymbol? SembufStorage(IOperation arrayReference)
        => arrayReference.WithoutConversions() is ILocalReferenceOperation local && IsSembufStorage(local.Local.Type) ? local.Local : null;

    private static void Forget(IOperation target, ref HoldState state)
    {
        switch (target.WithoutConversions())
        {
            case ILocalReferenceOperation local: state = state.WithResult(local.Local, None).WithSembufs(local.Local, null); break;
            case IParameterReferenceOperation parameter: state = state.WithResult(parameter.Parameter, None); break;
        }
    }

    private static void ForgetRefArguments(ImmutableArray<IArgumentOperation> arguments, ref HoldState state)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref) Forget(argument.Value, ref state);
        }
    }

    /// <summary>An expression's value: the P's whose call result it is, and, for a condition, which P's it tests and how.</summary>
    internal readonly struct Value
    {
        private readonly ImmutableHashSet<Acquisition>? results;

        internal Value(ImmutableHashSet<Acquisition>? results, ImmutableHashSet<Acquisition>? tested = null, bool trueWhenFailed = false)
        {
            this.results = results;
            Tested = tested;
            TrueWhenFailed = trueWhenFailed;
        }

        internal ImmutableHashSet<Acquisition> Results => results ?? None;

        internal ImmutableHashSet<Acquisition>? Tested { get; }

        internal bool TrueWhenFailed { get; }
    }
}
