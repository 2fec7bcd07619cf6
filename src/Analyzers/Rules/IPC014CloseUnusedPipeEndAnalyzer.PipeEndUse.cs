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
    /// Passing the whole array anywhere but pipe() makes the side unknown.
    /// </summary>
    internal sealed class PipeEndUse
    {
        private readonly ISymbol array;
        private readonly KnownSymbols known;
        private readonly SourceBodies bodies;
        private readonly CancellationToken cancellationToken;

        internal PipeEndUse(ISymbol array, KnownSymbols known, SourceBodies bodies, CancellationToken cancellationToken)
        {
            this.array = array;
            this.known = known;
            this.bodies = bodies;
            this.cancellationToken = cancellationToken;
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
                if (operation is IArrayElementReferenceOperation { Indices.Length: 1 } element
                    && SymbolEqualityComparer.Default.Equals(ReferencedSymbol(element.ArrayReference), array)
                    && element.Indices[0].TryGetInteger(out var index) && index is 0 or 1)
                {
                    if (IsClosed(element)) side.Close((int)index, element.Syntax.SpanStart);
                    else side.Use((int)index, element.Syntax.SpanStart);
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

        private static IOperation? SkipConversionsUp(IOperation? operation)
        {
            while (operation is IConversionOperation or IParenthesizedOperation) operation = operation.Parent;
            return operation;
        }

        private bool IsClosed(IArrayElementReferenceOperation element)
        {
            if (SkipConversionsUp(element.Parent) is not IArgumentOperation { Parent: IInvocationOperation invocation, Parameter: { } parameter }) return false;
            if (IpcCall.TryMatch(invocation, known, out var call)) return call.Function == IpcFunction.close;
            // A helper that closes what it is given: CloseQuietly(fds[1]).
            if (bodies.Body(invocation.TargetMethod, cancellationToken) is not { } body) return false;
            foreach (var operation in Within(body, o => o is IInvocationOperation))
            {
                if (IpcCall.TryMatch((IInvocationOperation)operation, known, out var inner) && inner.Function == IpcFunction.close
                    && inner.Argument("fd") is IParameterReferenceOperation { Parameter: var closed }
                    && SymbolEqualityComparer.Default.Equals(closed.OriginalDefinition, parameter.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Where a side first uses and closes each end (source positions; -1 for never).</summary>
    internal sealed class Side
    {
        private readonly int[] firstUse = [-1, -1];
        private readonly int[] firstClose = [-1, -1];

        internal void Use(int end, int position)
        {
            if (firstUse[end] < 0 || position < firstUse[end]) firstUse[end] = position;
        }

        internal void Close(int end, int position)
        {
            if (firstClose[end] < 0 || position < firstClose[end]) firstClose[end] = position;
        }

        /// <summary>The ends this side should have closed and did not (ends closed before the fork count as closed).</summary>
        internal IReadOnlyList<int> Missing(Side? beforeFork)
        {
            var missing = new List<int>();
            bool ClosedBefore(int end) => beforeFork is not null && beforeFork.firstClose[end] >= 0;
            bool reads = firstUse[0] >= 0, writes = firstUse[1] >= 0;
            if (reads && writes) return missing;
            if (reads)
            {
                // The reader must drop its own write end before it reads, or its read never returns 0.
                if (!ClosedBefore(1) && (firstClose[1] < 0 || firstClose[1] > firstUse[0])) missing.Add(1);
            }
            else if (writes)
            {
                if (!ClosedBefore(0) && firstClose[0] < 0) missing.Add(0);
            }
            else
            {
                for (var end = 0; end <= 1; end++)
                {
                    if (!ClosedBefore(end) && firstClose[end] < 0) missing.Add(end);
                }
            }

            return missing;
        }
    }
}
