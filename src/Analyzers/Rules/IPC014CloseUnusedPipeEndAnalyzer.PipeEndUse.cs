using System;
using System.Collections.Generic;
using System.Threading;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Rules;

public sealed partial class IPC014CloseUnusedPipeEndAnalyzer
{
    /// <summary>
    /// How one side uses <c>fds[0]</c> and <c>fds[1]</c>: a close (close(fds[i]), with or without <c>_ =</c> or a check,
    /// or a helper of the compilation that closes its parameter) or a use (read, write, dup2 redirection, anything else).
    /// An end is also followed through a local that copies it (<c>int readEnd = fds[0];</c>) and into the helpers of
    /// the compilation it is passed to (<c>fork(() =&gt; Child(readEnd, writeEnd))</c>), where what the helper does
    /// with the parameter counts, in the helper's order, at the call. Passing the whole array anywhere but pipe()
    /// makes the side unknown.
    /// </summary>
    internal sealed class PipeEndUse
    {
        /// <summary>How deep into helpers an end is followed.</summary>
        private const int MaxHelperDepth = 3;

        private readonly ISymbol array;
        private readonly KnownSymbols known;
        private readonly SourceBodies bodies;
        private readonly CancellationToken cancellationToken;
        private readonly Dictionary<ISymbol, int> copies;

        internal PipeEndUse(ISymbol array, IReadOnlyList<IOperation> roots, KnownSymbols known, SourceBodies bodies, CancellationToken cancellationToken)
        {
            this.array = array;
            this.known = known;
            this.bodies = bodies;
            this.cancellationToken = cancellationToken;
            copies = CopiesOfEnds(roots);
        }

        /// <summary>The operations under <paramref name="root"/> that pass the filter, without nested lambdas and local functions (other code, maybe another process).</summary>
        internal static IEnumerable<IOperation> Within(IOperation root, Func<IOperation, bool> filter)
        {
            var pending = new Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                if (operation != root && operation is IAnonymousFunctionOperation or ILocalFunctionOperation) continue;
                if (filter(operation)) yield return operation;
                foreach (var child in operation.ChildOperations) pending.Push(child);
            }
        }

        internal static ISymbol? ReferencedSymbol(IOperation operation) => operation.WithoutConversions() switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            _ => null,
        };

        /// <summary>What the side does; null when the array escapes to code this analysis does not read.</summary>
        internal Side? Read(IEnumerable<IOperation> operations)
        {
            var side = new Side();
            foreach (var operation in operations)
            {
                if (EndOf(operation) is { } end)
                {
                    if (!IsCopyDefinition(operation)) Record(side, operation, end, EventPosition.At(operation.Syntax.SpanStart), depth: 0);
                }
                else if (ReferencedSymbol(operation) is { } symbol && SymbolEqualityComparer.Default.Equals(symbol, array)
                    && SkipConversionsUp(operation.Parent) is IArgumentOperation { Parent: IInvocationOperation invocation }
                    && !(IpcCall.TryMatch(invocation, known, out var call) && call.Function is IpcFunction.pipe or IpcFunction.pipe2))
                {
                    return null;
                }
            }

            return side;
        }

        /// <summary>The end an operation stands for: <c>fds[0]</c>, <c>fds[1]</c>, or a local that copies one of them.</summary>
        private int? EndOf(IOperation operation)
        {
            switch (operation)
            {
                case IArrayElementReferenceOperation { Indices.Length: 1 } element
                    when SymbolEqualityComparer.Default.Equals(ReferencedSymbol(element.ArrayReference), array)
                         && element.Indices[0].TryGetInteger(out var index) && index is 0 or 1:
                    return (int)index;
                case ILocalReferenceOperation local when copies.TryGetValue(local.Local, out var copied):
                    return copied;
                default:
                    return null;
            }
        }

        /// <summary>A close or a use of <paramref name="end"/> by <paramref name="reference"/>, following it into helpers.</summary>
        private void Record(Side side, IOperation reference, int end, EventPosition position, int depth)
        {
            if (SkipConversionsUp(reference.Parent) is IArgumentOperation { Parent: IInvocationOperation invocation, Parameter: { } parameter })
            {
                if (IpcCall.TryMatch(invocation, known, out var call))
                {
                    if (call.Function == IpcFunction.close) side.Close(end, position);
                    else side.Use(end, position);
                    return;
                }

                if (depth < MaxHelperDepth && parameter.RefKind == RefKind.None
                    && bodies.Body(invocation.TargetMethod, cancellationToken) is { } body)
                {
                    // What the helper does with its parameter, in its own order, happens at the call (not at the
                    // argument: Child(readEnd, writeEnd) may close writeEnd before it reads readEnd). A parameter the
                    // helper never mentions is not a use.
                    var atCall = position.WithLast(invocation.Syntax.SpanStart);
                    foreach (var use in Within(body, o => o is IParameterReferenceOperation p
                        && SymbolEqualityComparer.Default.Equals(p.Parameter.OriginalDefinition, parameter.OriginalDefinition)))
                    {
                        Record(side, use, end, atCall.Then(use.Syntax.SpanStart), depth + 1);
                    }

                    return;
                }
            }

            side.Use(end, position);
        }

        /// <summary>Locals of the sides' code whose every assignment is the same end of the array: <c>int readEnd = fds[0];</c>.</summary>
        private Dictionary<ISymbol, int> CopiesOfEnds(IReadOnlyList<IOperation> roots)
        {
            var found = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
            var notCopies = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var root in roots)
            {
                foreach (var operation in Within(root, o => o is IVariableDeclaratorOperation or IAssignmentOperation))
                {
                    if (!TryReadLocalWrite(operation, out var target, out var value)) continue;
                    if (value is null || EndOfElement(value.WithoutConversions()) is not { } end
                        || (found.TryGetValue(target, out var earlier) && earlier != end))
                    {
                        notCopies.Add(target);
                        continue;
                    }

                    found[target] = end;
                }
            }

            foreach (var symbol in notCopies) found.Remove(symbol);
            return found;
        }

        /// <summary>A write of a local: its initializer or assigned value (null for a compound assignment).</summary>
        private static bool TryReadLocalWrite(IOperation operation, out ISymbol target, out IOperation? value)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator:
                    (target, value) = (declarator.Symbol, initial);
                    return true;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                    (target, value) = (local.Local, assignment.Value);
                    return true;
                case IAssignmentOperation { Target: ILocalReferenceOperation local }:
                    (target, value) = (local.Local, null);
                    return true;
                default:
                    (target, value) = (null!, null);
                    return false;
            }
        }

        private int? EndOfElement(IOperation value)
            => value is IArrayElementReferenceOperation { Indices.Length: 1 } element
               && SymbolEqualityComparer.Default.Equals(ReferencedSymbol(element.ArrayReference), array)
               && element.Indices[0].TryGetInteger(out var index) && index is 0 or 1
                ? (int)index
                : null;

        /// <summary>The <c>fds[0]</c> of <c>int readEnd = fds[0];</c> makes a copy; it neither uses nor closes the end.</summary>
        private bool IsCopyDefinition(IOperation operation)
        {
            if (operation is not IArrayElementReferenceOperation) return false;
            var parent = SkipConversionsUp(operation.Parent);
            return parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => copies.ContainsKey(declarator.Symbol),
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } => copies.ContainsKey(local.Local),
                _ => false,
            };
        }

        private static IOperation? SkipConversionsUp(IOperation? operation)
        {
            while (operation is IConversionOperation or IParenthesizedOperation) operation = operation.Parent;
            return operation;
        }
    }

    /// <summary>
    /// Where an event happens: the source position in the side's own code, then, for an event inside a helper, the
    /// position within each helper on the way. Compared in that order.
    /// </summary>
    internal sealed class EventPosition : IComparable<EventPosition>
    {
        private readonly int[] path;

        private EventPosition(int[] path) => this.path = path;

        internal static EventPosition At(int position) => new([position]);

        internal EventPosition WithLast(int position)
        {
            var copy = (int[])path.Clone();
            copy[copy.Length - 1] = position;
            return new EventPosition(copy);
        }

        internal EventPosition Then(int position)
        {
            var longer = new int[path.Length + 1];
            Array.Copy(path, longer, path.Length);
            longer[path.Length] = position;
            return new EventPosition(longer);
        }

        public int CompareTo(EventPosition? other)
        {
            if (other is null) return 1;
            for (var i = 0; i < path.Length && i < other.path.Length; i++)
            {
                var byLevel = path[i].CompareTo(other.path[i]);
                if (byLevel != 0) return byLevel;
            }

            return path.Length.CompareTo(other.path.Length);
        }
    }

    /// <summary>Where a side first uses and closes each end (null for never).</summary>
    internal sealed class Side
    {
        private readonly EventPosition?[] firstUse = new EventPosition?[2];
        private readonly EventPosition?[] firstClose = new EventPosition?[2];

        internal void Use(int end, EventPosition position)
        {
            if (firstUse[end] is null || position.CompareTo(firstUse[end]) < 0) firstUse[end] = position;
        }

        internal void Close(int end, EventPosition position)
        {
            if (firstClose[end] is null || position.CompareTo(firstClose[end]) < 0) firstClose[end] = position;
        }

        /// <summary>The ends this side should have closed and did not (ends closed before the fork count as closed).</summary>
        internal IReadOnlyList<int> Missing(Side? beforeFork)
        {
            var missing = new List<int>();
            bool ClosedBefore(int end) => beforeFork?.firstClose[end] is not null;
            bool reads = firstUse[0] is not null, writes = firstUse[1] is not null;
            if (reads && writes) return missing;
            if (reads)
            {
                // The reader must drop its own write end before it reads, or its read never returns 0.
                if (!ClosedBefore(1) && (firstClose[1] is null || firstClose[1]!.CompareTo(firstUse[0]) > 0)) missing.Add(1);
            }
            else if (writes)
            {
                if (!ClosedBefore(0) && firstClose[0] is null) missing.Add(0);
            }
            else
            {
                for (var end = 0; end <= 1; end++)
                {
                    if (!ClosedBefore(end) && firstClose[end] is null) missing.Add(end);
                }
            }

            return missing;
        }
    }
}
