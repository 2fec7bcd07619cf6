using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.Cfg;

/// <summary>
/// The walk every flow engine does over one operation tree of a block, in evaluation order: what value each
/// operation yields (<typeparamref name="TValue"/>: the tracked things it derives from) and how it changes the state.
/// The plumbing that is the same for every engine lives here once (flow captures, conversions, statements, reads of
/// locals, parameters and members, simple assignments, the order of a store's parts); an engine overrides the hooks
/// for what it tracks (calls, creations, stores) and <see cref="EvalOther"/> for the kinds only it looks at.
/// </summary>
internal abstract class OperationEvaluator<TValue, TState> : ForwardDataflow<TState>
    where TState : class
{
    /// <summary>The value of an operation that derives from nothing tracked.</summary>
    protected abstract TValue Empty { get; }

    protected abstract bool IsUnreachable(TState state);

    protected TValue Eval(IOperation? operation, ref TState state)
    {
        if (operation is null || IsUnreachable(state)) return Empty;

        // Engines bound the depth of the trees they evaluate; this is the last line should some recursion escape that
        // bound: an exception the host reports (AD0001), not a stack overflow that kills it.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (operation)
        {
            case IInvocationOperation invocation:
                return EvalInvocation(invocation, ref state);
            case IObjectCreationOperation creation:
                return EvalObjectCreation(creation, ref state);
            case ILocalReferenceOperation local:
                return ReadLocal(local.Local, state);
            case IParameterReferenceOperation parameter:
                return ReadParameter(parameter.Parameter, state);
            case IFieldReferenceOperation field:
                Eval(field.Instance, ref state);
                return ReadField(field, state);
            case IPropertyReferenceOperation property:
                return EvalPropertyReference(property, ref state);
            case IFlowCaptureReferenceOperation capture:
                return ReadCapture(capture.Id, state);
            case IFlowCaptureOperation capture:
                return EvalCapture(capture, ref state);
            case IConversionOperation conversion:
                return Eval(conversion.Operand, ref state);
            case IParenthesizedOperation parenthesized:
                return Eval(parenthesized.Operand, ref state);
            case IExpressionStatementOperation statement:
                return Eval(statement.Operation, ref state);
            case ISimpleAssignmentOperation assignment:
                return EvalSimpleAssignment(assignment, ref state);
            case IFlowAnonymousFunctionOperation lambda:
                return EvalLambda(lambda, state);
            case IAnonymousFunctionOperation:
            case ILocalFunctionOperation:
                // Their bodies run elsewhere (their own graphs); defining them does nothing here.
                return Empty;
            default:
                return EvalOther(operation, ref state);
        }
    }

    /// <summary>Every child in order, stopping once the path has ended; the result derives from nothing.</summary>
    protected TValue EvalChildren(IOperation operation, ref TState state)
    {
        foreach (var child in operation.ChildOperations)
        {
            Eval(child, ref state);
            if (IsUnreachable(state)) break;
        }

        return Empty;
    }

    protected abstract TValue EvalInvocation(IInvocationOperation invocation, ref TState state);

    protected virtual TValue EvalObjectCreation(IObjectCreationOperation creation, ref TState state) => EvalChildren(creation, ref state);

    /// <summary>An operation kind the shared walk does not know: by default its children in order.</summary>
    protected virtual TValue EvalOther(IOperation operation, ref TState state) => EvalChildren(operation, ref state);

    protected abstract TValue ReadLocal(ILocalSymbol local, TState state);

    protected abstract TValue ReadParameter(IParameterSymbol parameter, TState state);

    protected abstract TValue ReadCapture(CaptureId id, TState state);

    protected abstract TState WithCapture(TState state, CaptureId id, TValue value);

    /// <summary>What a field holds once its instance is evaluated; by default nothing tracked.</summary>
    protected virtual TValue ReadField(IFieldReferenceOperation field, TState state) => Empty;

    /// <summary>What a property holds once its instance and arguments are evaluated; by default nothing tracked.</summary>
    protected virtual TValue ReadProperty(IPropertyReferenceOperation property, TState state) => Empty;

    protected virtual TValue EvalPropertyReference(IPropertyReferenceOperation property, ref TState state)
    {
        Eval(property.Instance, ref state);
        foreach (var argument in property.Arguments) Eval(argument.Value, ref state);
        return ReadProperty(property, state);
    }

    protected virtual TValue EvalCapture(IFlowCaptureOperation capture, ref TState state)
    {
        // Evaluate first: the captured value's own effects (a call in a ?:, ??, using) change the state the capture is
        // then recorded in.
        var captured = Eval(capture.Value, ref state);
        state = WithCapture(state, capture.Id, captured);
        return Empty;
    }

    protected virtual TValue EvalLambda(IFlowAnonymousFunctionOperation lambda, TState state) => Empty;

    /// <summary>The value first, then the parts of the place written, then the store; the assignment yields the value.</summary>
    protected virtual TValue EvalSimpleAssignment(ISimpleAssignmentOperation assignment, ref TState state)
    {
        var value = Eval(assignment.Value, ref state);
        EvalTargetInstance(assignment.Target, ref state);
        Assign(assignment.Target, value, assignment, ref state);
        return value;
    }

    /// <summary>What a store evaluates besides its value: the instance, arguments and indices of the place it writes.</summary>
    protected virtual void EvalTargetInstance(IOperation target, ref TState state)
    {
        switch (target)
        {
            case IFieldReferenceOperation field: Eval(field.Instance, ref state); break;
            case IPropertyReferenceOperation property:
                Eval(property.Instance, ref state);
                foreach (var argument in property.Arguments) Eval(argument.Value, ref state);
                break;
            case IArrayElementReferenceOperation element:
                Eval(element.ArrayReference, ref state);
                foreach (var index in element.Indices) Eval(index, ref state);
                break;
        }
    }

    /// <summary>Stores <paramref name="value"/> in <paramref name="target"/>; <paramref name="store"/> is the operation that writes.</summary>
    protected abstract void Assign(IOperation target, TValue value, IOperation store, ref TState state);
}
