using System.Collections.Immutable;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>Reading sembuf arrays and applying a semop: which elements are P's, which are V's, on which semaphore.</summary>
internal sealed partial class SemHoldAnalysis
{
    /// <summary>The P's and V's of one semop/semtimedop call; returns the P's (they depend on the call's result).</summary>
    private ImmutableHashSet<Acquisition> ApplySemop(IpcCall call, ref HoldState state)
    {
        if (RootOf(Uncaptured(call.Argument("semid"))) is not { } root) return None;
        var elements = call.Argument("sops") is { } sops ? ReadSembufs(sops, state) : null;
        if (elements is not { } known)
        {
            observer?.OnOpaqueSemop(root, call.Invocation);
            return None;
        }

        var count = known.Length;
        if (call.Argument("nsops").TryGetInteger(out var nsops) && nsops >= 0 && nsops < count) count = (int)nsops;
        var made = None;
        var before = state;
        for (var i = 0; i < count; i++)
        {
            if (known[i] is not { Op: { } op } element || !element.HasKnownNum)
            {
                if (known[i] is { Op: null, OpParameter: { } opParameter } parameterised && parameterised.HasKnownNum)
                {
                    observer?.OnParameterisedSemop(new SemKey(root, parameterised.Num ?? 0, parameterised.NumParameter), opParameter);
                }

                observer?.OnOpaqueSemop(root, call.Invocation);
                continue;
            }

            var key = new SemKey(root, element.Num ?? 0, element.NumParameter);
            if (op > 0)
            {
                observer?.OnRelease(key, state.HoldersOf(key), call.Invocation, element, before);
                state = state.Release(key);
            }
        }

        for (var i = 0; i < count; i++)
        {
            if (known[i] is not { Op: < 0 } element || !element.HasKnownNum) continue;
            var acquisition = AcquisitionFor(call.Invocation, new SemKey(root, element.Num ?? 0, element.NumParameter), element, failsWithFalse: false);
            observer?.OnAcquire(acquisition, state);
            state = state.Acquire(acquisition);
            made = made.Add(acquisition);
        }

        return made;
    }

    /// <summary>A helper's effect on the caller: its releases, then its acquisitions, mapped to the caller's symbols.</summary>
    private ImmutableHashSet<Acquisition> ApplySummary(SemHoldSummary summary, IOperation call, IMethodSymbol callee, ImmutableArray<IArgumentOperation> arguments, ITypeSymbol? returnType, ref HoldState state)
    {
        if (summary.IsEmpty) return None;
        var before = state;
        foreach (var released in summary.Releases)
        {
            if (MapToCaller(released, callee, arguments) is not { } key) continue;
            observer?.OnRelease(key, state.HoldersOf(key), call, null, before);
            state = state.Release(key);
        }

        var acquires = summary.Acquires;
        foreach (var (semaphore, opParameter) in summary.ParameterisedSemops)
        {
            // SemOp(id, n, op) called with a constant op: a P or a V of the caller's semaphore.
            if (!Uncaptured(ArgumentFor(arguments, opParameter)).TryGetInteger(out var op) || op == 0) continue;
            if (op < 0)
            {
                acquires = acquires.Add(semaphore);
                continue;
            }

            if (MapToCaller(semaphore, callee, arguments) is not { } key) continue;
            observer?.OnRelease(key, state.HoldersOf(key), call, null, before);
            state = state.Release(key);
        }

        var made = None;
        foreach (var acquired in acquires)
        {
            if (MapToCaller(acquired, callee, arguments) is not { } key) continue;
            var acquisition = AcquisitionFor(call, key, null, returnType?.SpecialType == SpecialType.System_Boolean);
            observer?.OnAcquire(acquisition, state);
            state = state.Acquire(acquisition);
            made = made.Add(acquisition);
        }

        return made;
    }

    /// <summary>The state after a helper's releases, without telling the observer (for its exception path).</summary>
    private HoldState Released(SemHoldSummary summary, IMethodSymbol callee, ImmutableArray<IArgumentOperation> arguments, HoldState state)
    {
        foreach (var released in summary.Releases)
        {
            if (MapToCaller(released, callee, arguments) is { } key) state = state.Release(key);
        }

        foreach (var (semaphore, opParameter) in summary.ParameterisedSemops)
        {
            if (Uncaptured(ArgumentFor(arguments, opParameter)).TryGetInteger(out var op) && op > 0 && MapToCaller(semaphore, callee, arguments) is { } key)
            {
                state = state.Release(key);
            }
        }

        return state;
    }

    /// <summary>What a flow capture reference stands for (the graph captures arguments to keep their order).</summary>
    private IOperation? Uncaptured(IOperation? operation)
    {
        for (var i = 0; i < 8 && operation?.WithoutConversions() is IFlowCaptureReferenceOperation reference; i++)
        {
            if (!captured.TryGetValue(reference.Id, out var value)) break;
            operation = value;
        }

        return operation;
    }

    /// <summary>A helper's semaphore in the caller's terms: its parameters replaced by the caller's arguments.</summary>
    private SemKey? MapToCaller(SemKey key, IMethodSymbol callee, ImmutableArray<IArgumentOperation> arguments)
    {
        var root = key.Root;
        if (root is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, callee.OriginalDefinition))
        {
            root = RootOf(Uncaptured(ArgumentFor(arguments, parameter)));
            if (root is null) return null;
        }

        if (key.NumParameter is not { } numParameter) return new SemKey(root, key.Num);
        var num = Uncaptured(ArgumentFor(arguments, numParameter));
        if (num.TryGetInteger(out var value)) return new SemKey(root, value);
        return num?.WithoutConversions() is IParameterReferenceOperation forwarded ? new SemKey(root, 0, forwarded.Parameter) : null;
    }

    private static IOperation? ArgumentFor(ImmutableArray<IArgumentOperation> arguments, IParameterSymbol parameter)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == parameter.Ordinal) return argument.Value;
        }

        return null;
    }

    private Acquisition AcquisitionFor(IOperation operation, SemKey key, SembufValue? sembuf, bool failsWithFalse)
    {
        if (!acquisitions.TryGetValue((operation, key), out var acquisition))
        {
            acquisition = new Acquisition(operation, key, sembuf, failsWithFalse);
            acquisitions[(operation, key)] = acquisition;
        }

        return acquisition;
    }

    /// <summary>The symbol a semid comes from: a local, a parameter, a field (of any instance) or a property.</summary>
    internal static ISymbol? RootOf(IOperation? semid) => semid?.WithoutConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field.OriginalDefinition,
        IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property.OriginalDefinition,
        _ => null,
    };

    /// <summary>The elements of a sembuf array expression, when they can all be counted (each may still be unknown).</summary>
    private ImmutableArray<SembufValue?>? ReadSembufs(IOperation value, HoldState state)
    {
        var operation = value.WithoutConversions();
        switch (operation)
        {
            case IArrayCreationOperation creation:
                if (creation.Initializer is { } initializer) return ReadAll(initializer.ElementValues, state);
                if (creation.DimensionSizes.Length == 1 && creation.DimensionSizes[0].TryGetInteger(out var size) && size is >= 0 and <= 64)
                {
                    var zeroed = new SembufValue(0, null, 0, 0, null, creation.Syntax);
                    return ImmutableArray.CreateRange(System.Linq.Enumerable.Repeat<SembufValue?>(zeroed, (int)size));
                }

                return null;
            case ILocalReferenceOperation local:
                return state.Sembufs.TryGetValue(local.Local, out var elements) ? elements : null;
            case IFlowCaptureReferenceOperation capture:
                return state.Sembufs.TryGetValue(capture.Id, out var captured) ? captured : null;
            case IFieldReferenceOperation field:
                return summaries.FieldSembufs(field.Field, cancellationToken);
            case IObjectCreationOperation or IDefaultValueOperation when IsSembuf(operation.Type):
                return ImmutableArray.Create(ReadSembuf(operation, state));
            default:
                if (operation.Syntax is CollectionExpressionSyntax && IsSembufStorage(operation.Type))
                {
                    return ReadAll(operation.ChildOperations, state);
                }

                return null;
        }
    }

    private ImmutableArray<SembufValue?> ReadAll(System.Collections.Generic.IEnumerable<IOperation> elements, HoldState state)
    {
        var builder = ImmutableArray.CreateBuilder<SembufValue?>();
        foreach (var element in elements) builder.Add(ReadSembuf(element, state));
        return builder.ToImmutable();
    }

    /// <summary>One sembuf: <c>new Sembuf(num, op, flg)</c>, <c>new Sembuf { sem_op = -1 }</c>, a local struct, a field initialised once.</summary>
    private SembufValue? ReadSembuf(IOperation element, HoldState? state)
    {
        var operation = element.WithoutConversions();
        switch (operation)
        {
            case IObjectCreationOperation creation when IsSembuf(creation.Type):
                return ReadCreation(creation);
            case IDefaultValueOperation when IsSembuf(operation.Type):
                return new SembufValue(0, null, 0, 0, null, operation.Syntax);
            case ILocalReferenceOperation local when state is not null && state.Sembufs.TryGetValue(local.Local, out var single) && single.Length == 1:
                return single[0];
            case IFlowCaptureReferenceOperation capture when state is not null && state.Sembufs.TryGetValue(capture.Id, out var created) && created.Length == 1:
                return created[0];
            case IFieldReferenceOperation field when IsSembuf(field.Type):
                return summaries.FieldSembufs(field.Field, cancellationToken) is { Length: 1 } fieldValue ? fieldValue[0] : null;
            default:
                return null;
        }
    }

    /// <summary>Reads a creation with no flow state: for fields initialised once.</summary>
    internal static SembufValue? ReadCreation(IObjectCreationOperation creation)
    {
        long? num = 0, op = 0, flags = 0;
        IParameterSymbol? numParameter = null, opParameter = null;
        SyntaxNode? flagSite = null;
        foreach (var argument in creation.Arguments)
        {
            var known = argument.Value.TryGetInteger(out var constant);
            switch (argument.Parameter?.Ordinal)
            {
                case 0:
                    num = known ? constant : null;
                    numParameter = argument.Value.WithoutConversions() is IParameterReferenceOperation p ? p.Parameter : null;
                    break;
                case 1:
                    op = known ? constant : null;
                    opParameter = argument.Value.WithoutConversions() is IParameterReferenceOperation o ? o.Parameter : null;
                    break;
                case 2:
                    flags = known ? constant : null;
                    flagSite = creation.Syntax;
                    break;
            }
        }

        foreach (var initializer in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
        {
            if (initializer is not ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } assignment) return null;
            var known = assignment.Value.TryGetInteger(out var constant);
            switch (field.Field.Name)
            {
                case "sem_num":
                    num = known ? constant : null;
                    numParameter = assignment.Value.WithoutConversions() is IParameterReferenceOperation p ? p.Parameter : null;
                    break;
                case "sem_op":
                    op = known ? constant : null;
                    opParameter = assignment.Value.WithoutConversions() is IParameterReferenceOperation o ? o.Parameter : null;
                    break;
                case "sem_flg":
                    flags = known ? constant : null;
                    flagSite = assignment.Syntax;
                    break;
            }
        }

        // With no sem_flg written, the fix adds one to the initialiser (the graph lowers it into assignments).
        flagSite ??= (creation.Syntax as ObjectCreationExpressionSyntax)?.Initializer;
        return new SembufValue(numParameter is null ? num : null, numParameter, op, flags, flagSite, creation.Syntax) { OpParameter = op is null ? opParameter : null };
    }

    private bool IsSembuf(ITypeSymbol? type) => known.IsSembuf(type);

    private bool IsSembufStorage(ITypeSymbol? type) => IsSembuf(type) || (type is IArrayTypeSymbol { Rank: 1 } array && IsSembuf(array.ElementType));
}
