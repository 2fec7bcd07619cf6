using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>Evaluation of one operation tree in order: which attachments its value derives from, and its effect.</summary>
internal sealed partial class AttachAnalysis
{
    private static readonly ImmutableHashSet<Attachment> None = ImmutableHashSet<Attachment>.Empty;

    protected override ImmutableHashSet<Attachment> Empty => None;

    protected override bool IsUnreachable(AttachFlowState state) => state.IsUnreachable;

    protected override ImmutableHashSet<Attachment> ReadLocal(ILocalSymbol local, AttachFlowState state) => state.ValuesOf(local);

    protected override ImmutableHashSet<Attachment> ReadParameter(IParameterSymbol parameter, AttachFlowState state) => state.ValuesOf(parameter);

    protected override ImmutableHashSet<Attachment> ReadCapture(CaptureId id, AttachFlowState state) => state.ValuesOf(id);

    protected override AttachFlowState WithCapture(AttachFlowState state, CaptureId id, ImmutableHashSet<Attachment> value) => state.WithValue(id, value);

    protected override ImmutableHashSet<Attachment> ReadField(IFieldReferenceOperation field, AttachFlowState state)
        => MemberLocation(field) is { } key ? state.ValuesOf(key) : None;

    protected override ImmutableHashSet<Attachment> ReadProperty(IPropertyReferenceOperation property, AttachFlowState state)
        => MemberLocation(property) is { } key ? state.ValuesOf(key) : None;

    protected override ImmutableHashSet<Attachment> EvalObjectCreation(IObjectCreationOperation creation, ref AttachFlowState state)
        => EvalCreation(creation, ref state);

    protected override ImmutableHashSet<Attachment> EvalLambda(IFlowAnonymousFunctionOperation lambda, AttachFlowState state)
        => CapturedBy(lambda, state);

    protected override ImmutableHashSet<Attachment> EvalOther(IOperation operation, ref AttachFlowState state)
    {
        switch (operation)
        {
            case ICompoundAssignmentOperation compound:
                {
                    // addr += offset: still derived from the same attachment.
                    var target = Eval(compound.Target, ref state);
                    var value = Eval(compound.Value, ref state);
                    var derived = IsAddressArithmetic(compound.OperatorKind) ? target.Union(value) : None;
                    Assign(compound.Target, derived, compound, ref state);
                    return derived;
                }

            case IIncrementOrDecrementOperation increment:
                return Eval(increment.Target, ref state);
            case IBinaryOperation binary:
                {
                    var left = Eval(binary.LeftOperand, ref state);
                    var right = Eval(binary.RightOperand, ref state);
                    return IsAddressArithmetic(binary.OperatorKind) ? left.Union(right) : None;
                }

            case IDeconstructionAssignmentOperation deconstruction:
                return EvalDeconstruction(deconstruction, ref state);
            case ITupleOperation tuple:
                {
                    var all = None;
                    foreach (var element in tuple.Elements) all = all.Union(Eval(element, ref state));
                    return all;
                }

            case IIsPatternOperation isPattern:
                {
                    var value = Eval(isPattern.Value, ref state);
                    foreach (var node in isPattern.Pattern.DescendantsAndSelf())
                    {
                        if (node is IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol local }) state = state.WithValue(local, value);
                    }

                    return None;
                }

            case IArrayCreationOperation creation:
                {
                    foreach (var size in creation.DimensionSizes) Eval(size, ref state);
                    if (creation.Initializer is { } initializer)
                    {
                        // An array holding the address keeps it.
                        foreach (var element in initializer.ElementValues) state = Escape(Eval(element, ref state), state, ownedOnly: false);
                    }

                    return None;
                }

            case IDelegateCreationOperation delegateCreation:
                return Eval(delegateCreation.Target, ref state);
            case IInvalidOperation invalid:
                {
                    // Half-typed code (a call of a method that does not exist yet): whatever it is, it may keep the address.
                    var all = None;
                    foreach (var child in invalid.ChildOperations) all = all.Union(Eval(child, ref state));
                    state = Escape(all, state, ownedOnly: false);
                    return None;
                }

            default:
                return EvalChildren(operation, ref state);
        }
    }

    private ImmutableHashSet<Attachment> EvalDeconstruction(IDeconstructionAssignmentOperation deconstruction, ref AttachFlowState state)
    {
        if (deconstruction.Target is ITupleOperation targets && deconstruction.Value.WithoutConversions() is ITupleOperation values
            && targets.Elements.Length == values.Elements.Length)
        {
            var evaluated = new ImmutableHashSet<Attachment>[values.Elements.Length];
            for (var i = 0; i < evaluated.Length; i++) evaluated[i] = Eval(values.Elements[i], ref state);
            for (var i = 0; i < evaluated.Length; i++) Assign(targets.Elements[i], evaluated[i], deconstruction, ref state);
            return None;
        }

        // A tuple from elsewhere: every element may be the address.
        var whole = Eval(deconstruction.Value, ref state);
        Assign(deconstruction.Target, whole, deconstruction, ref state);
        return None;
    }

    protected override void Assign(IOperation target, ImmutableHashSet<Attachment> value, IOperation store, ref AttachFlowState state)
    {
        switch (target.WithoutConversions())
        {
            case ILocalReferenceOperation local: state = state.WithValue(local.Local, value); break;
            case IParameterReferenceOperation parameter:
                // An out or ref parameter hands the address to the caller.
                if (parameter.Parameter.RefKind is RefKind.Out or RefKind.Ref) state = Escape(value, state, ownedOnly: true);
                state = state.WithValue(parameter.Parameter, value);
                break;
            case IDeclarationExpressionOperation declaration: Assign(declaration.Expression, value, store, ref state); break;
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements) Assign(element, value, store, ref state);
                break;
            case IFieldReferenceOperation field when MemberLocation(field) is { } key:
                StoreInMember(field.Field, key, value, store, ref state);
                break;
            case IPropertyReferenceOperation property when MemberLocation(property) is { } key:
                StoreInMember(property.Property, key, value, store, ref state);
                break;
            default:
                // An array element, another object's field, a collection indexer: the address is kept elsewhere.
                state = Escape(value, state, ownedOnly: false);
                break;
        }
    }

    private void StoreInMember(ISymbol member, object key, ImmutableHashSet<Attachment> value, IOperation store, ref AttachFlowState state)
    {
        // The type owns an address kept in an address-typed member; a delegate or object member just keeps it.
        var type = member switch { IFieldSymbol f => f.Type, IPropertySymbol p => p.Type, _ => null };
        if (!value.IsEmpty && type is not null && AttachSummaries.IsAddressType(type)) observer?.OnStoredInMember(member, store, value, state);
        state = Escape(value, state, ownedOnly: false).WithValue(key, value);
    }

    /// <summary>Handing an address on: the paths on which it was attached here now have it owned elsewhere.</summary>
    private static AttachFlowState Escape(ImmutableHashSet<Attachment> values, AttachFlowState state, bool ownedOnly)
    {
        foreach (var value in values)
        {
            if (ownedOnly && !value.IsOwnedHere) continue;
            var paths = state.PathsOf(value);
            if (paths.MayBeAttached()) state = state.WithPaths(value, (paths & ~AttachPaths.Attached) | AttachPaths.Escaped);
        }

        return state;
    }

    /// <summary>The addresses a lambda captures: it keeps them as long as the delegate lives.</summary>
    private ImmutableHashSet<Attachment> CapturedBy(IFlowAnonymousFunctionOperation lambda, AttachFlowState state)
    {
        if (graph is null) return None;
        var captured = None;
        var body = graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
        foreach (var block in body.Blocks)
        {
            foreach (var operation in block.Operations) captured = captured.Union(ReferencedValues(operation, state));
            if (block.BranchValue is { } branch) captured = captured.Union(ReferencedValues(branch, state));
        }

        return captured;
    }

    private static ImmutableHashSet<Attachment> ReferencedValues(IOperation operation, AttachFlowState state)
    {
        var values = None;
        foreach (var node in operation.DescendantsAndSelf())
        {
            switch (node)
            {
                case ILocalReferenceOperation local: values = values.Union(state.ValuesOf(local.Local)); break;
                case IParameterReferenceOperation parameter: values = values.Union(state.ValuesOf(parameter.Parameter)); break;
            }
        }

        return values;
    }

    private static bool IsAddressArithmetic(BinaryOperatorKind kind) => kind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract
        or BinaryOperatorKind.And or BinaryOperatorKind.Or;

    /// <summary>Fields and properties of this instance, or static ones, are locations; members of other objects are not followed.</summary>
    private static ISymbol? MemberLocation(IMemberReferenceOperation member)
        => member.Member.IsStatic || member.Instance is IInstanceReferenceOperation ? member.Member.OriginalDefinition : null;

    /// <summary>The tracked values an operand stands for, without evaluating it again (for branch conditions).</summary>
    private ImmutableHashSet<Attachment> ValuesOf(IOperation operation, AttachFlowState state)
    {
        switch (operation.WithoutConversions())
        {
            case ILocalReferenceOperation local: return state.ValuesOf(local.Local);
            case IParameterReferenceOperation parameter: return state.ValuesOf(parameter.Parameter);
            case IMemberReferenceOperation member: return MemberLocation(member) is { } key ? state.ValuesOf(key) : None;
            case IFlowCaptureReferenceOperation capture: return state.ValuesOf(capture.Id);
            case ISimpleAssignmentOperation assignment: return ValuesOf(assignment.Value, state);
            case IInvocationOperation invocation when sites.TryGetValue(invocation, out var site): return ImmutableHashSet.Create(site);
            case IInvocationOperation { TargetMethod.ContainingType.SpecialType: SpecialType.System_IntPtr, Instance: { } instance }:
                return ValuesOf(instance, state);
            default: return None;
        }
    }
}
