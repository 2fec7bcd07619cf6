using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers;

/// <summary>Where a local gets its values, read from the body that declares it (flow-insensitive).</summary>
internal static class LocalWrites
{
    /// <summary>
    /// The value of a local that is written exactly once (its initialiser or one simple assignment), so that a
    /// read of it stands for that value wherever it is read.
    /// </summary>
    internal static bool TryGetSingleValue(ILocalReferenceOperation reference, out IOperation value)
    {
        value = null!;
        var values = AssignedValues(reference.Local, Root(reference));
        if (values.Count != 1 || values[0] is not { } only) return false;
        value = only;
        return true;
    }

    /// <summary>Every value written to the local in the body; null stands for a write whose value is unknown (ref, out, ++).</summary>
    internal static List<IOperation?> AssignedValues(ILocalSymbol local, IOperation root)
    {
        var values = new List<IOperation?>();
        foreach (var node in root.DescendantsAndSelf())
        {
            switch (node)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                    if (initializer is not null) values.Add(initializer.Value);
                    break;
                case ILocalReferenceOperation read when SymbolEqualityComparer.Default.Equals(read.Local, local) && IsWrite(read, out var written):
                    values.Add(written);
                    break;
            }
        }

        return values;
    }

    /// <summary>The outermost operation above this one: the body every local it can see is declared in.</summary>
    internal static IOperation Root(IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent) current = parent;
        return current;
    }

    private static bool IsWrite(ILocalReferenceOperation reference, out IOperation? value)
    {
        value = null;
        switch (reference.Parent)
        {
            case ISimpleAssignmentOperation simple when simple.Target == reference:
                value = simple.Value;
                return true;
            case IAssignmentOperation assignment when assignment.Target == reference:
            case IIncrementOrDecrementOperation:
            case IDeclarationExpressionOperation:
                return true;
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                return true;
            case ITupleOperation tuple when tuple.Parent is IDeconstructionAssignmentOperation:
                return true;
            default:
                return reference.IsDeclaration;
        }
    }
}
