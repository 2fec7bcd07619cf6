using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Sessions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC011: a semget on a public key with IPC_CREAT and without IPC_EXCL whose id then reaches semctl SETVAL/SETALL on
/// every successful path (the -1 branch of a check does not count), in the same body or, through a method that returns
/// the id, in its caller. Reported at the semget, once, with the initialisation as additional location.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class IPC011RacySemaphoreInitialisationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.IPC011RacySemaphoreInitialisation);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var session = FlowSession.For(start.Compilation);
            if (session.Known is not { } known) return;
            var sources = new RacySources(known, new SourceBodies(start.Compilation));
            var reported = new ConcurrentDictionary<Location, bool>();
            var prefilter = session.SurfaceCalls;
            start.RegisterOperationBlockAction(c => AnalyzeBlock(c, sources, prefilter, reported));
        });
    }

    /// <summary>True for semget on a key that is not IPC_PRIVATE, with IPC_CREAT and without IPC_EXCL in flags the compiler knows.</summary>
    internal static bool IsRacySemget(IInvocationOperation? invocation, KnownSymbols known)
    {
        if (!IpcCall.TryMatch(invocation, known, out var call) || call.Function != IpcFunction.semget) return false;
        if (ConstantFolding.TryFold(call.Argument("key"), out var key) && key == IpcConstants.IPC_PRIVATE) return false;
        return ConstantFolding.TryFold(call.Argument("semflg"), out var flags)
            && (flags & IpcConstants.IPC_CREAT) != 0 && (flags & IpcConstants.IPC_EXCL) == 0;
    }

    /// <summary>semctl(id, n, SETVAL or SETALL, …): the id operand, or null.</summary>
    internal static IOperation? InitialisedId(IInvocationOperation invocation, KnownSymbols known)
        => IpcCall.TryMatch(invocation, known, out var call) && call.Function == IpcFunction.semctl
           && ConstantFolding.TryFold(call.Argument("cmd"), out var cmd) && cmd is IpcConstants.SETVAL or IpcConstants.SETALL
            ? call.Argument("semid")
            : null;

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, RacySources sources, CallPrefilter prefilter, ConcurrentDictionary<Location, bool> reported)
    {
        foreach (var root in context.OperationBlocks)
        {
            // A method's block is the graph root the context accepts (its IMethodBodyOperation parent is not).
            if (root is not (IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation)) continue;
            // The semctl that initialises must be in this body: the syntax test is trusted for "no" only.
            if (!prefilter.MayCallSurface(root.Syntax, context.CancellationToken)) continue;
            if (!root.Descendants().Any(o => o is IInvocationOperation i && InitialisedId(i, sources.Known) is not null)) continue;
            ControlFlowGraph graph;
            try
            {
                graph = context.GetControlFlowGraph(root);
            }
            catch (System.ArgumentException)
            {
                continue; // no graph for this kind of root
            }

            foreach (var (semget, init) in FindRacyInitialisations(graph, sources, context.CancellationToken))
            {
                var location = semget.Syntax.GetLocation();
                if (!reported.TryAdd(location, true)) continue;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.IPC011RacySemaphoreInitialisation, location, additionalLocations: [init.Syntax.GetLocation()]));
            }
        }
    }

    /// <summary>In this graph and the graphs of its lambdas and local functions.</summary>
    private static IEnumerable<(IOperation Semget, IOperation Init)> FindRacyInitialisations(ControlFlowGraph graph, RacySources sources, CancellationToken cancellationToken)
    {
        var found = new List<(IOperation, IOperation)>();
        var pending = new Stack<ControlFlowGraph>();
        pending.Push(graph);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = pending.Pop();
            found.AddRange(new GraphWalk(current, sources, cancellationToken).RacyInitialisations());
            foreach (var local in current.LocalFunctions) pending.Push(current.GetLocalFunctionControlFlowGraph(local, cancellationToken));
            foreach (var block in current.Blocks)
            {
                foreach (var lambda in block.Operations.Concat(block.BranchValue is null ? [] : [block.BranchValue])
                    .SelectMany(o => o.DescendantsAndSelf()).OfType<IFlowAnonymousFunctionOperation>())
                {
                    pending.Push(current.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken));
                }
            }
        }

        return found;
    }
}
