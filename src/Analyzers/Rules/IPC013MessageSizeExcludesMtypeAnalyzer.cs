using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Sessions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC013: msgsnd/msgrcv's msgsz counts the long mtype (mtext.Length + 8, + sizeof(long), the size of a struct that
/// holds the long), or, both being constants, exceeds the capacity mtext was created with.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPC013MessageSizeExcludesMtypeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: which mistake (<see cref="AddendKind"/>, <see cref="StructSizeKind"/>, <see cref="TooLargeKind"/>).</summary>
    internal const string KindProperty = "Kind";
    internal const string AddendKind = "Addend";
    internal const string StructSizeKind = "StructSize";
    internal const string TooLargeKind = "TooLarge";

    private const long MtypeSize = sizeof(long);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.IPC013MessageSizeExcludesMtype);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (FlowSession.For(start.Compilation).Known is not { } known) return;
            start.RegisterOperationAction(c => AnalyzeCall(c, known), OperationKind.Invocation);
        });
    }

    /// <summary>The <c>8</c> or <c>sizeof(long)</c> added to msgsz, if there is one.</summary>
    internal static IOperation? MtypeAddend(IOperation msgsz, out IOperation? rest)
    {
        rest = null;
        if (msgsz.WithoutConversions() is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add) return null;
        var left = add.LeftOperand.WithoutConversions();
        var right = add.RightOperand.WithoutConversions();
        if (IsMtypeSize(right, left)) { rest = add.LeftOperand; return add.RightOperand; }
        if (IsMtypeSize(left, right)) { rest = add.RightOperand; return add.LeftOperand; }
        return null;
    }

    private static void AnalyzeCall(OperationAnalysisContext context, KnownSymbols known)
    {
        if (!IpcCall.TryMatch(context.Operation as IInvocationOperation, known, out var call)) return;
        if (call.Function is not (IpcFunction.msgsnd or IpcFunction.msgrcv)) return;
        if (call.Argument("msgsz") is not { } msgsz || msgsz is IInvalidOperation) return;

        string kind;
        string reason;
        if (MtypeAddend(msgsz, out _) is { } addend)
        {
            kind = AddendKind;
            reason = $"counts the 8-byte mtype ('{addend.Syntax}')";
        }
        else if (StructWithMtype(msgsz) is { } type)
        {
            kind = StructSizeKind;
            reason = $"is the size of '{type.Name}', which includes the long mtype";
        }
        else if (ConstantFolding.TryFold(msgsz, out var size) && TryGetCapacity(call.Argument("msgp"), known, out var capacity) && size > capacity)
        {
            kind = TooLargeKind;
            reason = $"is {size.ToString(CultureInfo.InvariantCulture)} but mtext holds {capacity.ToString(CultureInfo.InvariantCulture)} bytes";
        }
        else
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.IPC013MessageSizeExcludesMtype,
            call.Invocation.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
            reason));
    }

    /// <summary>sizeof(long) names the mtype outright; a bare 8 does when it is added to mtext's length.</summary>
    private static bool IsMtypeSize(IOperation operand, IOperation other)
    {
        if (operand is ISizeOfOperation { TypeOperand.SpecialType: SpecialType.System_Int64 or SpecialType.System_UInt64 }) return true;
        return operand.TryGetInteger(out var value) && value == MtypeSize
            && other.DescendantsAndSelf().Any(o => o is IPropertyReferenceOperation { Property.Name: "Length", Instance: IFieldReferenceOperation { Field.Name: "mtext" } });
    }

    /// <summary>Marshal.SizeOf&lt;T&gt;(), Marshal.SizeOf(typeof(T)), Marshal.SizeOf(value), Unsafe.SizeOf&lt;T&gt;() or sizeof(T) of a type with a long field.</summary>
    private static ITypeSymbol? StructWithMtype(IOperation msgsz)
    {
        ITypeSymbol? measured = msgsz.WithoutConversions() switch
        {
            ISizeOfOperation sizeOf => sizeOf.TypeOperand,
            IInvocationOperation { TargetMethod: { Name: "SizeOf" } method } invocation when IsSizeOfProvider(method.ContainingType) =>
                method.TypeArguments.FirstOrDefault()
                ?? invocation.Arguments.FirstOrDefault()?.Value.WithoutConversions() switch
                {
                    ITypeOfOperation typeOf => typeOf.TypeOperand,
                    { Type: { } valueType } => valueType,
                    _ => null,
                },
            _ => null,
        };
        if (measured is null || measured.SpecialType != SpecialType.None) return null;
        var hasLong = measured.GetMembers().OfType<IFieldSymbol>().Any(f => !f.IsStatic && f.Type.SpecialType is SpecialType.System_Int64 or SpecialType.System_UInt64);
        return hasLong ? measured : null;
    }

    private static bool IsSizeOfProvider(INamedTypeSymbol type)
        => type.Name is "Marshal" or "Unsafe"
           && type.ContainingNamespace?.ToDisplayString() is "System.Runtime.InteropServices" or "System.Runtime.CompilerServices";

    /// <summary>The capacity of a MsgBuf created in this body with a constant size, when its mtext is never replaced.</summary>
    private static bool TryGetCapacity(IOperation? msgp, KnownSymbols known, out long capacity)
    {
        capacity = 0;
        var buffer = msgp?.WithoutConversions();
        if (buffer is ILocalReferenceOperation local)
        {
            if (MtextReplaced(local) || !LocalWrites.TryGetSingleValue(local, out var value)) return false;
            buffer = value.WithoutConversions();
        }

        if (buffer is not IObjectCreationOperation { Type: { } type } creation
            || !SymbolEqualityComparer.Default.Equals(type, known.MsgBuf))
        {
            return false;
        }

        if (creation.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>()
                .FirstOrDefault(a => a.Target is IMemberReferenceOperation { Member.Name: "mtext" }) is { } mtext)
        {
            return mtext.Value.WithoutConversions() is IArrayCreationOperation { DimensionSizes.Length: 1 } array
                && ConstantFolding.TryFold(array.DimensionSizes[0], out capacity);
        }

        return creation.Arguments.Length == 2 && ConstantFolding.TryFold(creation.Arguments[1].Value, out capacity);
    }

    private static bool MtextReplaced(ILocalReferenceOperation local)
        => LocalWrites.Root(local).Descendants().OfType<ISimpleAssignmentOperation>().Any(a =>
            a.Target is IFieldReferenceOperation { Field.Name: "mtext", Instance: ILocalReferenceOperation owner }
            && SymbolEqualityComparer.Default.Equals(owner.Local, local.Local));
}
