using System.Collections.Immutable;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.IdLifetime;

/// <summary>Evaluation of one operation tree in order: which ids it yields and how it changes the state.</summary>
internal sealed partial class IdLifetimeAnalysis
{
    protected override ImmutableHashSet<IdValue> Empty => None;

    protected override bool IsUnreachable(IdState state) => state.IsUnreachable;

    protected override ImmutableHashSet<IdValue> ReadLocal(ILocalSymbol local, IdState state) => state.ValuesOf(local);

    protected override ImmutableHashSet<IdValue> ReadParameter(IParameterSymbol parameter, IdState state) => state.ValuesOf(parameter);

    protected override ImmutableHashSet<IdValue> ReadCapture(CaptureId id, IdState state) => state.ValuesOf(id);

    protected override IdState WithCapture(IdState state, CaptureId id, ImmutableHashSet<IdValue> value) => state.WithValue(id, value);

    protected override ImmutableHashSet<IdValue> ReadField(IFieldReferenceOperation field, IdState state)
        => IsOwnMember(field.Field) && IsIdType(field.Type) ? ImmutableHashSet.Create(IdValue.Field(field.Field)) : None;

    protected override ImmutableHashSet<IdValue> ReadProperty(IPropertyReferenceOperation property, IdState state)
        => property.Arguments.Length == 0 && IsOwnMember(property.Property) && IsIdType(property.Type)
            ? ImmutableHashSet.Create(IdValue.Field(property.Property))
            : None;

    protected override ImmutableHashSet<IdValue> EvalInvocation(IInvocationOperation invocation, ref IdState state)
        => EvalInvocation(invocation, ref state, out _);

    protected override ImmutableHashSet<IdValue> EvalObjectCreation(IObjectCreationOperation creation, ref IdState state)
    {
        EvalCall(creation.Constructor, null, creation.Arguments, creation, ref state, out _);
        Eval(creation.Initializer, ref state);
        return None;
    }

    /// <summary>Nothing before the store: <see cref="Assign"/> evaluates the parts of the place it writes (also for out arguments).</summary>
    protected override void EvalTargetInstance(IOperation target, ref IdState state)
    {
    }

    protected override ImmutableHashSet<IdValue> EvalOther(IOperation operation, ref IdState state)
    {
        switch (operation)
        {
            case ICompoundAssignmentOperation compound:
                Eval(compound.Value, ref state);
                Assign(compound.Target, None, compound, ref state);
                return None;
            case IIncrementOrDecrementOperation increment:
                Assign(increment.Target, None, increment, ref state);
                return None;
            case IIsPatternOperation isPattern:
                {
                    AssignPatternDeclarations(isPattern.Pattern, Eval(isPattern.Value, ref state), ref state);
                    return None;
                }

            case ITupleOperation:
            case IArrayInitializerOperation:
            case IAnonymousObjectCreationOperation:
                // An id put into a tuple, an array or an object goes wherever that goes: someone else's duty.
                foreach (var child in operation.ChildOperations) HandOverValues(Eval(child, ref state), child, HandOver.Stored, ref state);
                return None;
            default:
                return EvalChildren(operation, ref state);
        }
    }

    protected override void Assign(IOperation target, ImmutableHashSet<IdValue> value, IOperation site, ref IdState state)
    {
        switch (target)
        {
            case ILocalReferenceOperation local:
                if (removedByNestedFunctions.Contains(local.Local) || IsCapturedFromOutside(local.Local))
                {
                    HandOverValues(value, site, HandOver.Stored, ref state);
                }

                state = state.WithValue(local.Local, value);
                return;
            case IParameterReferenceOperation parameter:
                if (parameter.Parameter.RefKind != RefKind.None) HandOverValues(value, site, HandOver.Stored, ref state);
                state = state.WithValue(parameter.Parameter, value);
                return;
            case IFieldReferenceOperation field:
                Eval(field.Instance, ref state);
                StoreOrHandOver(field.Field, value, site, ref state);
                return;
            case IPropertyReferenceOperation property:
                Eval(property.Instance, ref state);
                foreach (var argument in property.Arguments) Eval(argument.Value, ref state);
                if (property.Arguments.Length == 0) StoreOrHandOver(property.Property, value, site, ref state);
                else HandOverValues(value, site, HandOver.Stored, ref state);
                return;
            default:
                // An array element, an indexer, an event: the id is stored where this body no longer follows it.
                foreach (var child in target.ChildOperations) Eval(child, ref state);
                HandOverValues(value, site, HandOver.Stored, ref state);
                return;
        }
    }

    private void StoreOrHandOver(ISymbol member, ImmutableHashSet<IdValue> value, IOperation site, ref IdState state)
    {
        if (!IsOwnMember(member))
        {
            // A field of a library type (MsgBuf.mtype): the id is published, the receiver's duty now.
            HandOverValues(value, site, HandOver.Published, ref state);
            return;
        }

        foreach (var v in value)
        {
            if (v.Kind is not (IdValueKind.Created or IdValueKind.Parameter)) continue;
            listener?.OnStoredInField(v, member.OriginalDefinition, site);
            if (v.Creation is { } creation) state = state.WithStatus(creation, CreationStatus.HandedOver);
        }
    }

    private void HandOverValues(ImmutableHashSet<IdValue> values, IOperation site, HandOver how, ref IdState state)
    {
        foreach (var value in values)
        {
            if (value.Kind is not (IdValueKind.Created or IdValueKind.Parameter)) continue;
            listener?.OnHandedOver(value, site, how);
            if (value.Creation is { } creation) state = state.WithStatus(creation, CreationStatus.HandedOver);
        }
    }

    private void Remove(ImmutableHashSet<IdValue> values, IOperation site, ref IdState state)
    {
        foreach (var value in values)
        {
            listener?.OnRemoved(value, site);
            if (value.Creation is { } creation) state = state.WithStatus(creation, CreationStatus.Removed);
        }
    }

    private static void AssignPatternDeclarations(IPatternOperation pattern, ImmutableHashSet<IdValue> value, ref IdState state)
    {
        foreach (var node in pattern.DescendantsAndSelf())
        {
            if (node is IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared }) state = state.WithValue(declared, value);
        }
    }

    private ImmutableHashSet<IdValue> EvalInvocation(IInvocationOperation invocation, ref IdState state, out ImmutableHashSet<IdValue>[] arguments)
    {
        if (IpcCall.TryMatch(invocation, known, out var call))
        {
            arguments = EvalArguments(invocation.Arguments, ref state);
            if (state.IsUnreachable) return None;
            if (IpcObjectKinds.TryFromGet(call.Function, out var kind)) return GetCall(call, kind, ref state);
            if (IpcObjectKinds.TryFromCtl(call.Function, out kind)
                && call.Argument("cmd").TryGetInteger(out var cmd) && cmd == IpcConstants.IPC_RMID)
            {
                Remove(ArgumentValues(invocation, arguments, call.Argument(kind.IdParameter())), invocation, ref state);
            }
            else if (call.Function is IpcFunction.exit or IpcFunction._exit)
            {
                ExitHere(invocation, ref state);
            }

            return None;
        }

        Eval(invocation.Instance, ref state);
        return EvalCall(invocation.TargetMethod, invocation.Instance, invocation.Arguments, invocation, ref state, out arguments);
    }

    /// <summary>A call of anything but the IPC surface: a helper of the compilation (through its summary) or a library method.</summary>
    private ImmutableHashSet<IdValue> EvalCall(
        IMethodSymbol? method,
        IOperation? instance,
        ImmutableArray<IArgumentOperation> argumentOperations,
        IOperation site,
        ref IdState state,
        out ImmutableHashSet<IdValue>[] arguments)
    {
        arguments = EvalArguments(argumentOperations, ref state);
        if (state.IsUnreachable || method is null) return None;
        if (known.NeverReturns(method))
        {
            ExitHere(site, ref state);
            return None;
        }

        if (IsMemWrite(method))
        {
            // The id written into shared memory is for another process to use and remove.
            foreach (var values in arguments) HandOverValues(values, site, HandOver.Published, ref state);
            return None;
        }

        if (IsOwnMember(method))
        {
            var tracked = false;
            foreach (var values in arguments) tracked |= !values.IsEmpty;
            var summary = summaries.Get(method, tracked, cancellationToken);
            var result = None;
            for (var i = 0; i < argumentOperations.Length; i++)
            {
                if (argumentOperations[i].Parameter is not { } parameter || arguments[i].IsEmpty) continue;
                var ordinal = parameter.Ordinal;
                if (summary.Removes(ordinal)) Remove(arguments[i], site, ref state);
                foreach (var field in summary.FieldsStoring(ordinal)) StoreOrHandOver(field, arguments[i], site, ref state);
                if (summary.HandsOver(ordinal)) HandOverValues(arguments[i], site, HandOver.Passed, ref state);
                if (summary.Returns(ordinal)) result = result.Union(arguments[i]);
            }

            if (summary.CreatedKind is { } kind)
            {
                var creation = CreationAt(site, kind, null, method);
                listener?.OnCreated(creation);
                state = state.WithStatus(creation, CreationStatus.Live);
                result = result.Add(IdValue.Created(creation));
            }

            return result;
        }

        if (HandsOverArguments(method, instance))
        {
            foreach (var values in arguments) HandOverValues(values, site, HandOver.Passed, ref state);
        }

        return None;
    }

    private ImmutableHashSet<IdValue> GetCall(IpcCall call, IpcObjectKind kind, ref IdState state)
    {
        var key = KeyIdentity.From(call.Argument("key"), known);
        var isPrivate = key?.IsPrivate == true;
        var result = key is not null && !isPrivate ? ImmutableHashSet.Create(IdValue.Lookup(kind, key)) : None;
        var creates = isPrivate || (call.Argument(kind.FlagsParameter()).TryGetInteger(out var flags) && (flags & IpcConstants.IPC_CREAT) != 0);
        if (!creates) return result;
        var creation = CreationAt(call.Invocation, kind, key, null);
        listener?.OnCreated(creation);
        state = state.WithStatus(creation, CreationStatus.Live);
        return result.Add(IdValue.Created(creation));
    }

    private Creation CreationAt(IOperation site, IpcObjectKind kind, KeyIdentity? key, IMethodSymbol? helper)
    {
        if (!creations.TryGetValue(site, out var creation))
        {
            creation = new Creation(site, kind, key, helper);
            creations.Add(site, creation);
        }

        return creation;
    }

    /// <summary>exit(), _exit(), Environment.Exit, a [DoesNotReturn] helper: the path ends here, and the process with it.</summary>
    private void ExitHere(IOperation site, ref IdState state)
    {
        listener?.OnExit(state, site.Syntax.GetLocation(), normal: false);
        state = IdState.Unreachable;
    }

    private ImmutableHashSet<IdValue>[] EvalArguments(ImmutableArray<IArgumentOperation> arguments, ref IdState state)
    {
        var values = new ImmutableHashSet<IdValue>[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            values[i] = Eval(arguments[i].Value, ref state);
            if (arguments[i].Parameter is { RefKind: RefKind.Out or RefKind.Ref } && arguments[i].Value.WithoutConversions() is { } target)
            {
                Assign(target, None, arguments[i], ref state);
            }
        }

        return values;
    }

    private static ImmutableHashSet<IdValue> ArgumentValues(IInvocationOperation invocation, ImmutableHashSet<IdValue>[] values, IOperation? argument)
    {
        if (argument is null) return None;
        for (var i = 0; i < invocation.Arguments.Length; i++)
        {
            if (ReferenceEquals(invocation.Arguments[i].Value.WithoutConversions(), argument)) return values[i];
        }

        return None;
    }

    private bool IsMemWrite(IMethodSymbol method)
        => SharedMemoryAccess.TryMatchMethod(method, known, out var direction, out _, out _) && direction == SharedMemoryDirection.Write;

    /// <summary>
    /// A library method that may keep its arguments: an instance method of a collection or writer (list.Add(id),
    /// writer.Write(id)), or the byte-level serialisers that put an id into a message buffer. Text output
    /// (Console, string formatting) does not keep anything, and a callback invoked with the id uses it for the call.
    /// </summary>
    private static bool HandsOverArguments(IMethodSymbol method, IOperation? instance)
    {
        var type = method.ContainingType;
        if (type is null || method.MethodKind == MethodKind.DelegateInvoke) return false;
        if (method.IsStatic)
        {
            return IsIn(type, "BitConverter", "System") || IsIn(type, "BinaryPrimitives", "System.Buffers.Binary")
                || IsIn(type, "MemoryMarshal", "System.Runtime.InteropServices") || IsIn(type, "Unsafe", "System.Runtime.CompilerServices");
        }

        var receiver = instance?.Type ?? type;
        if (receiver.SpecialType == SpecialType.System_String) return false;
        for (var t = receiver; t is not null; t = t.BaseType)
        {
            if (IsIn(t, "TextWriter", "System.IO") || IsIn(t, "StringBuilder", "System.Text")) return false;
        }

        return true;
    }

    private static bool IsIn(ITypeSymbol type, string name, string ns)
        => type.Name == name && type.ContainingNamespace?.ToDisplayString() == ns;

    private static bool IsOwnMember(ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource) return true;
        }

        return false;
    }

    private static bool IsIdType(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
        or SpecialType.System_UInt32;

    /// <summary>Locals of the root that a nested lambda or local function passes to IPC_RMID (or a removing helper).</summary>
    private void CollectRemovedCaptures(IOperation? body)
    {
        var function = body switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            ILocalFunctionOperation localFunction => localFunction.Symbol,
            _ => null,
        };
        if (body is null) return;
        foreach (var node in body.Descendants())
        {
            if (node is not IInvocationOperation invocation) continue;
            if (IpcCall.TryMatch(invocation, known, out var call))
            {
                if (IpcObjectKinds.TryFromCtl(call.Function, out var kind)
                    && call.Argument("cmd").TryGetInteger(out var cmd) && cmd == IpcConstants.IPC_RMID
                    && call.Argument(kind.IdParameter()) is ILocalReferenceOperation local
                    && !SymbolEqualityComparer.Default.Equals(local.Local.ContainingSymbol, function))
                {
                    removedByNestedFunctions.Add(local.Local);
                }

                continue;
            }

            if (!IsOwnMember(invocation.TargetMethod)) continue;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.WithoutConversions() is ILocalReferenceOperation captured && argument.Parameter is { } parameter
                    && !SymbolEqualityComparer.Default.Equals(captured.Local.ContainingSymbol, function)
                    && summaries.Get(invocation.TargetMethod, true, cancellationToken).Removes(parameter.Ordinal))
                {
                    removedByNestedFunctions.Add(captured.Local);
                }
            }
        }
    }
}
