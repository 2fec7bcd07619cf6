using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Rules;

public sealed partial class IPC011RacySemaphoreInitialisationAnalyzer
{
    /// <summary>
    /// Which values are the id of a racily created set: a racy semget, or a call of a compilation method that returns
    /// one (its summary, cached; recursion counts as no).
    /// </summary>
    internal sealed class RacySources
    {
        private const int MaxDepth = 4;

        [System.ThreadStatic]
        private static HashSet<IMethodSymbol>? inProgress;

        private readonly ConcurrentDictionary<IMethodSymbol, IOperation?> returnsRacy = new(SymbolEqualityComparer.Default);
        private readonly SourceBodies bodies;

        internal RacySources(KnownSymbols known, SourceBodies bodies)
        {
            Known = known;
            this.bodies = bodies;
        }

        internal KnownSymbols Known { get; }

        /// <summary>The racy semget a value (an operation of some control flow graph) stands for, or null.</summary>
        internal IOperation? Resolve(IOperation value, int depth, CancellationToken cancellationToken)
        {
            // Graph operations are rewritten copies: read the original for folding consts and locals.
            if (value.WithoutConversions() is not IInvocationOperation { Syntax: { } syntax }) return null;
            if (bodies.Operation(syntax, cancellationToken) is not IInvocationOperation invocation) return null;
            if (IsRacySemget(invocation, Known)) return invocation;
            if (IpcCall.TryMatch(invocation, Known, out _) || depth >= MaxDepth) return null;
            return ReturnedRacySemget(invocation.TargetMethod, depth + 1, cancellationToken);
        }

        private IOperation? ReturnedRacySemget(IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (returnsRacy.TryGetValue(method, out var cached)) return cached;
            var stack = inProgress ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            if (!stack.Add(method)) return null; // recursion: unknown, so not racy
            try
            {
                return returnsRacy.GetOrAdd(method, Compute(method, depth, cancellationToken));
            }
            finally
            {
                stack.Remove(method);
            }
        }

        private IOperation? Compute(IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            if (method.ReturnType.SpecialType != SpecialType.System_Int32) return null;
            var implementation = method.PartialImplementationPart ?? method;
            if (implementation.DeclaringSyntaxReferences.Length != 1) return null;
            if (implementation.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not BaseMethodDeclarationSyntax declaration
                || (declaration.Body is null && declaration.ExpressionBody is null))
            {
                return null;
            }

            var graph = ControlFlowGraph.Create(declaration, bodies.Model(declaration.SyntaxTree), cancellationToken);
            if (graph is null) return null;
            foreach (var block in graph.Blocks)
            {
                if (block.FallThroughSuccessor?.Semantics != ControlFlowBranchSemantics.Return || block.BranchValue is not { } returned) continue;
                var value = returned.WithoutConversions();
                if (value is IInvocationOperation && Resolve(value, depth, cancellationToken) is { } direct) return direct;
                if (value is ILocalReferenceOperation { Local: var local })
                {
                    // Flow-insensitive within the helper: any racy value the returned local gets.
                    foreach (var assigned in AssignmentsTo(graph, local))
                    {
                        if (Resolve(assigned, depth, cancellationToken) is { } viaLocal) return viaLocal;
                    }
                }
            }

            return null;
        }

        private static IEnumerable<IOperation> AssignmentsTo(ControlFlowGraph graph, ILocalSymbol local)
            => graph.Blocks.SelectMany(b => b.Operations).SelectMany(o => o.DescendantsAndSelf()).OfType<ISimpleAssignmentOperation>()
                .Where(a => a.Target is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local))
                .Select(a => a.Value);
    }
}
