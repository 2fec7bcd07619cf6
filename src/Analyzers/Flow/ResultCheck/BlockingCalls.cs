using System.Collections.Generic;
using System.Linq;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>
/// Decides whether a call can block and be interrupted (IPC006): flags the compiler can fold (IPC_NOWAIT, WNOHANG,
/// O_NONBLOCK), sembuf arrays whose sem_op values are visible, and descriptors visibly made by pipe() or by opening
/// a FIFO made with mkfifo in the same body. Built once per analysed body.
/// </summary>
internal sealed class BlockingCalls
{
    private readonly KnownSymbols known;
    private readonly IOperation? root;
    private HashSet<ISymbol>? pipeArrays;
    private HashSet<ISymbol>? pipeDescriptors;
    private Dictionary<SyntaxNode, IOperation>? originals;
    private Dictionary<ILocalSymbol, IArrayCreationOperation?>? arraysOfLocals;

    internal BlockingCalls(KnownSymbols known, IOperation? root)
    {
        this.known = known;
        this.root = root;
    }

    internal BlockingKind Classify(IpcCall call)
    {
        switch (call.Function)
        {
            case IpcFunction.semop:
            case IpcFunction.semtimedop:
                return SembufsMayBlock(call.Argument("sops")) ? BlockingKind.NeverRestarted : BlockingKind.None;
            case IpcFunction.msgsnd:
            case IpcFunction.msgrcv:
                return HasFlag(call.Argument("msgflg"), IpcConstants.IPC_NOWAIT) ? BlockingKind.None : BlockingKind.NeverRestarted;
            case IpcFunction.pause:
                return BlockingKind.NeverRestarted;
            case IpcFunction.wait:
                return BlockingKind.RestartedBySaRestart;
            case IpcFunction.waitpid:
                return HasFlag(call.Argument("options"), IpcConstants.WNOHANG) ? BlockingKind.None : BlockingKind.RestartedBySaRestart;
            case IpcFunction.read:
            case IpcFunction.write:
                return IsPipeDescriptor(call.Argument("fd")) ? BlockingKind.RestartedBySaRestart : BlockingKind.None;
            default:
                return BlockingKind.None;
        }
    }

    private static bool HasFlag(IOperation? flags, int flag) => flags.TryGetInteger(out var value) && (value & flag) != 0;

    /// <summary>True unless every sembuf is visible and none waits: each sem_op &gt; 0, or IPC_NOWAIT set.</summary>
    private bool SembufsMayBlock(IOperation? sops)
    {
        // The graph lowers initializers into captures; read the array as written.
        // A local is looked up by its symbol, which needs no mapping back (and no index of the whole body).
        if (sops?.WithoutConversions() is not ILocalReferenceOperation) sops = Original(sops);
        var creation = sops?.WithoutConversions() switch
        {
            IArrayCreationOperation array => array,
            ILocalReferenceOperation local => SingleArrayAssignedTo(local.Local),
            _ => null,
        };
        if (creation?.Initializer is not { } initializer) return true;
        foreach (var element in initializer.ElementValues)
        {
            if (SembufMayBlock(element.WithoutConversions())) return true;
        }

        return false;
    }

    /// <summary>
    /// A V (sem_op &gt; 0) never waits, whatever its flags (semop(2)); a P or a wait-for-zero waits unless IPC_NOWAIT is
    /// visibly set. A sembuf whose sem_op cannot be read may block.
    /// </summary>
    private bool SembufMayBlock(IOperation element)
    {
        if (!TryReadSembuf(element, out var op, out var flags) || op is not { } semOp) return true;
        if (semOp > 0) return false;
        return flags is not { } semFlg || (semFlg & IpcConstants.IPC_NOWAIT) == 0;
    }

    private IOperation? Original(IOperation? operation)
    {
        if (operation is null || root is null) return operation;
        if (originals is null)
        {
            originals = [];
            foreach (var node in root.DescendantsAndSelf())
            {
                if (!originals.ContainsKey(node.Syntax)) originals[node.Syntax] = node;
            }
        }

        return originals.TryGetValue(operation.Syntax, out var original) ? original : operation;
    }

    private IArrayCreationOperation? SingleArrayAssignedTo(ILocalSymbol local)
    {
        if (root is null) return null;
        arraysOfLocals ??= new Dictionary<ILocalSymbol, IArrayCreationOperation?>(SymbolEqualityComparer.Default);
        if (arraysOfLocals.TryGetValue(local, out var cached)) return cached;
        var array = FindSingleArrayAssignedTo(local);
        arraysOfLocals[local] = array;
        return array;
    }

    private IArrayCreationOperation? FindSingleArrayAssignedTo(ILocalSymbol local)
    {
        IArrayCreationOperation? found = null;
        var count = 0;
        foreach (var node in root.DescendantsAndSelf())
        {
            var (target, value) = node switch
            {
                IVariableDeclaratorOperation declarator => (declarator.Symbol, declarator.Initializer?.Value),
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation l } assignment => ((ISymbol)l.Local, assignment.Value),
                _ => (null, null),
            };
            if (target is null || !SymbolEqualityComparer.Default.Equals(target, local)) continue;
            count++;
            found = value?.WithoutConversions() as IArrayCreationOperation;
        }

        return count == 1 ? found : null;
    }

    /// <summary>Reads a <c>new Sembuf(num, op, flg)</c> (constructor or initializer); null where a value is not a constant.</summary>
    private bool TryReadSembuf(IOperation element, out long? op, out long? flags)
    {
        op = null;
        flags = null;
        if (element is not IObjectCreationOperation creation || !known.IsSembuf(creation.Type))
        {
            return false;
        }

        // A field left out is zero.
        if (creation.Arguments.Length == 0)
        {
            op = 0;
            flags = 0;
        }

        foreach (var argument in creation.Arguments)
        {
            switch (argument.Parameter?.Ordinal)
            {
                case 1: op = ConstantOrNull(argument.Value); break;
                case 2: flags = ConstantOrNull(argument.Value); break;
            }
        }

        foreach (var initializer in creation.Initializer?.Initializers ?? Enumerable.Empty<IOperation>())
        {
            if (initializer is not ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } assignment) return false;
            if (field.Field.Name == "sem_op") op = ConstantOrNull(assignment.Value);
            if (field.Field.Name == "sem_flg") flags = ConstantOrNull(assignment.Value);
        }

        return true;
    }

    private static long? ConstantOrNull(IOperation value) => value.TryGetInteger(out var constant) ? constant : null;

    private bool IsPipeDescriptor(IOperation? fd)
    {
        if (fd is null || root is null) return false;
        IndexPipes();
        return fd.WithoutConversions() switch
        {
            IArrayElementReferenceOperation element => SymbolOf(element.ArrayReference) is { } array && pipeArrays!.Contains(array),
            var other => SymbolOf(other) is { } symbol && pipeDescriptors!.Contains(symbol),
        };
    }

    /// <summary>Arrays passed to pipe()/pipe2() (without O_NONBLOCK), and locals holding one of their ends or an opened FIFO.</summary>
    private void IndexPipes()
    {
        if (pipeArrays is not null) return;
        pipeArrays = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        pipeDescriptors = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var fifoPaths = new HashSet<object>();
        var nodes = root!.DescendantsAndSelf().ToArray();
        foreach (var node in nodes)
        {
            if (node is not IInvocationOperation invocation || !IpcCall.TryMatch(invocation, known, out var call)) continue;
            if (call.Function is IpcFunction.pipe or IpcFunction.pipe2 && !HasFlag(call.Argument("flags"), IpcConstants.O_NONBLOCK)
                && SymbolOf(call.Argument("pipefd")) is { } array)
            {
                pipeArrays.Add(array);
            }

            if (call.Function == IpcFunction.mkfifo && PathKey(call.Argument("pathname")) is { } path) fifoPaths.Add(path);
        }

        foreach (var node in nodes)
        {
            var (target, value) = node switch
            {
                IVariableDeclaratorOperation declarator => (declarator.Symbol, declarator.Initializer?.Value),
                ISimpleAssignmentOperation assignment => (SymbolOf(assignment.Target), assignment.Value),
                _ => (null, null),
            };
            if (target is null || value is null) continue;
            switch (value.WithoutConversions())
            {
                case IArrayElementReferenceOperation element when SymbolOf(element.ArrayReference) is { } array && pipeArrays.Contains(array):
                    pipeDescriptors.Add(target);
                    break;
                case IInvocationOperation open when IpcCall.TryMatch(open, known, out var call) && call.Function == IpcFunction.open
                    && PathKey(call.Argument("pathname")) is { } path && fifoPaths.Contains(path)
                    && !HasFlag(call.Argument("flags"), IpcConstants.O_NONBLOCK):
                    pipeDescriptors.Add(target);
                    break;
            }
        }
    }

    private static object? PathKey(IOperation? path) => path?.WithoutConversions() switch
    {
        { ConstantValue: { HasValue: true, Value: string text } } => text,
        var other when other is not null => SymbolOf(other),
        _ => null,
    };

    private static ISymbol? SymbolOf(IOperation? operation) => operation?.WithoutConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IFieldReferenceOperation field => field.Field,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };
}
