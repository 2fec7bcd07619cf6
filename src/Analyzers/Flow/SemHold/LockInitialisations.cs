using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.SemHold;

/// <summary>
/// The initial values the compilation gives semaphores with <c>semctl(id, n, SETVAL, v)</c> and
/// <c>semctl(id, 0, SETALL, new ushort[] { … })</c>, scanned once per compilation (IPC015: a semaphore set to 1 is
/// a mutex). A P's semaphore matches an initialisation through the same semid symbol (a field, or a local of the
/// same method); failing that, through its sem_num alone when every initialisation of that sem_num in the
/// compilation sets 1.
/// </summary>
internal sealed class LockInitialisations
{
    private readonly SemHoldSummaries summaries;
    private readonly Lazy<List<Initialisation>> initialisations;

    internal LockInitialisations(SemHoldSummaries summaries, CancellationToken cancellationToken)
    {
        this.summaries = summaries;
        initialisations = new Lazy<List<Initialisation>>(() => Scan(cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    internal bool IsInitialisedToOne(SemKey key)
    {
        if (key.NumParameter is not null) return false;
        var all = initialisations.Value;
        var same = all.Where(i => i.Num == key.Num && i.Root is not null && SymbolEqualityComparer.Default.Equals(i.Root, key.Root)).ToList();
        if (same.Count > 0) return same.All(i => i.Value == 1);
        var byNumber = all.Where(i => i.Num == key.Num).ToList();
        return byNumber.Count > 0 && byNumber.All(i => i.Value == 1);
    }

    private List<Initialisation> Scan(CancellationToken cancellationToken)
    {
        var found = new List<Initialisation>();
        foreach (var tree in summaries.Known.Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SemanticModel? model = null;
            foreach (var syntax in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                // A cheap filter on the name before binding; IpcCall decides.
                var name = syntax.Expression switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                    _ => null,
                };
                if (name is null || !IpcFunctionFacts.MayBeExternName(name)) continue;
                model ??= summaries.ModelFor(tree);
                if (model.GetOperation(syntax, cancellationToken) is not IInvocationOperation invocation
                    || !IpcCall.TryMatch(invocation, summaries.Known, out var call) || call.Function != IpcFunction.semctl)
                {
                    continue;
                }

                Record(call, found);
            }
        }

        return found;
    }

    private static void Record(IpcCall call, List<Initialisation> found)
    {
        if (!call.Argument("cmd").TryGetInteger(out var command)) return;
        var root = SemHoldAnalysis.RootOf(call.Argument("semid"));
        var argument = call.Argument("arg");
        if (command == IpcConstants.SETVAL && call.Argument("semnum").TryGetInteger(out var num) && argument.TryGetInteger(out var value))
        {
            found.Add(new Initialisation(root, num, value));
        }
        else if (command == IpcConstants.SETALL && argument is not null)
        {
            var values = argument.WithoutConversions() switch
            {
                IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
                var other when other.Syntax is CollectionExpressionSyntax => other.ChildOperations,
                _ => Enumerable.Empty<IOperation>(),
            };
            var index = 0;
            foreach (var element in values)
            {
                if (element.TryGetInteger(out var value2)) found.Add(new Initialisation(root, index, value2));
                index++;
            }
        }
    }

    private readonly record struct Initialisation(ISymbol? Root, long Num, long Value);
}
