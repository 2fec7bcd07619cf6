using System;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.ResultCheck;

/// <summary>
/// The compilation-wide answer to "is every signal handler installed with SA_RESTART?" (signal(7)): computed once,
/// on first need, by a syntax scan for sigaction/signal calls confirmed by symbol. glibc's signal() installs with
/// BSD semantics (SA_RESTART). A handler whose flags are not visible counts as without SA_RESTART.
/// </summary>
internal sealed class SignalHandlers
{
    private readonly MethodSummaries summaries;
    private int state; // 0 unknown, 1 all restart, 2 not all

    internal SignalHandlers(MethodSummaries summaries) => this.summaries = summaries;

    internal bool AllUseSaRestart(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref state) == 0) Volatile.Write(ref state, Scan(cancellationToken) ? 1 : 2);
        return state == 1;
    }

    private bool Scan(CancellationToken cancellationToken)
    {
        var known = summaries.Known;
        foreach (var tree in known.Compilation.SyntaxTrees)
        {
            foreach (var syntax in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var name = syntax.Expression switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    _ => null,
                };
                if (name is not ("sigaction" or "signal")) continue;
                if (summaries.ModelFor(tree).GetOperation(syntax, cancellationToken) is not IInvocationOperation invocation
                    || !IpcCall.TryMatch(invocation, known, out var call))
                {
                    continue;
                }

                if (call.Function == IpcFunction.sigaction && !InstallsWithRestart(call.Argument("act"))) return false;
            }
        }

        return true;
    }

    private static bool InstallsWithRestart(IOperation? act)
    {
        if (act is null || act.IsNullLiteral()) return true;
        return act.WithoutConversions() switch
        {
            IObjectCreationOperation creation => FlagsFromInitializer(creation) is { } flags && (flags & IpcConstants.SA_RESTART) != 0,
            ILocalReferenceOperation local => LocalHasRestart(local),
            _ => false,
        };
    }

    private static long? FlagsFromInitializer(IObjectCreationOperation creation)
    {
        foreach (var initializer in creation.Initializer?.Initializers ?? Enumerable.Empty<IOperation>())
        {
            if (initializer is ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Field.Name: "sa_flags" } } assignment)
            {
                return assignment.Value.TryGetInteger(out var flags) ? flags : null;
            }
        }

        return null;
    }

    /// <summary>Every value the body gives the local's sa_flags (initializer, =, |=) is visible and includes SA_RESTART.</summary>
    private static bool LocalHasRestart(ILocalReferenceOperation local)
    {
        var body = local.Ancestors().LastOrDefault() ?? local;
        var sawFlags = false;
        foreach (var node in body.DescendantsAndSelf())
        {
            switch (node)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local)
                    && declarator.Initializer?.Value.WithoutConversions() is IObjectCreationOperation creation:
                    if (FlagsFromInitializer(creation) is { } initial)
                    {
                        if ((initial & IpcConstants.SA_RESTART) == 0) return false;
                        sawFlags = true;
                    }

                    break;
                case IAssignmentOperation { Target: IFieldReferenceOperation { Field.Name: "sa_flags", Instance: ILocalReferenceOperation owner } } assignment
                    when SymbolEqualityComparer.Default.Equals(owner.Local, local.Local):
                    if (!assignment.Value.TryGetInteger(out var flags) || (flags & IpcConstants.SA_RESTART) == 0) return false;
                    sawFlags = true;
                    break;
            }
        }

        return sawFlags;
    }
}

internal static class OperationAncestors
{
    internal static System.Collections.Generic.IEnumerable<IOperation> Ancestors(this IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent) yield return current;
    }
}
