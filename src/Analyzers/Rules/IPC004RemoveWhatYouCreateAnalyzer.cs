using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Sessions;
using IpcAnalyzers.Flow.IdLifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC004: an object created with IPC_CREAT or IPC_PRIVATE whose id never reaches IPC_RMID in the compilation, or
/// that its owning method removes on its main path but keeps on another (an early return, a throw). Each body
/// records its creations and removals (Flow/IdLifetime); the verdict waits for compilation end, when every removal
/// through a field, a helper or a second lookup of the same key has been seen.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPC004RemoveWhatYouCreateAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.IPC004RemoveWhatYouCreate);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var session = FlowSession.For(start.Compilation);
            if (session.Known is not { } known) return;
            var summaries = new IdSummaries(known, session.ResultSummaries) { Graphs = session.Graphs };
            var prefilter = session.SurfaceCalls;
            var collector = new IdLifetimeCollector();
            start.RegisterOperationBlockAction(block => AnalyzeBlock(block, summaries, prefilter, collector));
            start.RegisterCompilationEndAction(end => Report(end, collector));
        });
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, IdSummaries summaries, CallPrefilter prefilter, IdLifetimeCollector collector)
    {
        foreach (var root in context.OperationBlocks)
        {
            // Ids are created and removed only by calls: the syntax test is trusted for "no" only; MayConcernIds decides.
            if (!IsGraphRoot(root) || !prefilter.MayCallSurface(root.Syntax, context.CancellationToken) || !MayConcernIds(root, summaries, context.CancellationToken)) continue;
            var graph = context.GetControlFlowGraph(root);
            var trackers = new List<CreationTracker>();
            IdLifetimeAnalysis.AnalyzeBody(summaries.Known, summaries, graph, _ => Track(trackers, collector), context.CancellationToken);
            foreach (var tracker in trackers)
            {
                foreach (var record in tracker.Records) collector.Add(record);
            }
        }
    }

    /// <summary>Costs nothing when no IPC creation was recorded: the end action returns at once.</summary>
    private static void Report(CompilationAnalysisContext context, IdLifetimeCollector collector)
    {
        if (!collector.SawCreation) return;
        foreach (var leak in collector.Leaks())
        {
            var creation = leak.Creation;
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(IPC004Properties.Remove, creation.Kind.CtlFunction().ToString())
                .Add(IPC004Properties.PathBased, leak.PathBased ? "true" : "false");
            var additional = leak.LeakLocation is { } location ? new[] { location } : null;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.IPC004RemoveWhatYouCreate, creation.Site.Syntax.GetLocation(), additional, properties, creation.Kind.Describe()));
        }
    }

    private static bool IsGraphRoot(IOperation root) => root is IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation
        or IFieldInitializerOperation or IPropertyInitializerOperation;

    /// <summary>A body with an IPC call, or a call of a helper of the compilation that creates, removes or keeps ids.</summary>
    private static bool MayConcernIds(IOperation root, IdSummaries summaries, CancellationToken cancellationToken)
    {
        foreach (var node in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is not IInvocationOperation invocation) continue;
            if (IpcCall.TryMatch(invocation, summaries.Known, out _)) return true;
            if (!summaries.Get(invocation.TargetMethod, hasTrackedArguments: false, cancellationToken).IsEmpty) return true;
        }

        return false;
    }

    private static CreationTracker Track(List<CreationTracker> trackers, IdLifetimeCollector collector)
    {
        var tracker = new CreationTracker(collector);
        trackers.Add(tracker);
        return tracker;
    }
}

/// <summary>What IPC004 tells its code fix.</summary>
internal static class IPC004Properties
{
    /// <summary>The ctl function that removes the object: shmctl, semctl or msgctl.</summary>
    internal const string Remove = "Remove";

    /// <summary>"true" when the method removes the object on its main path and an exit leaks it.</summary>
    internal const string PathBased = "PathBased";
}
