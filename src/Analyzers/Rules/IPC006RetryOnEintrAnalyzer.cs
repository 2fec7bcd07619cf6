using System.Collections.Generic;
using System.Collections.Immutable;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.ResultCheck;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC006: a call that can block and be interrupted by a signal has its -1 handled on some path without errno
/// being tested for EINTR. pipe read/write and wait are excused when every handler in the compilation has SA_RESTART.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPC006RetryOnEintrAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.IPC006RetryOnEintr);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownSymbols.Create(start.Compilation) is not { } known) return;
            var summaries = new MethodSummaries(known);
            var handlers = new SignalHandlers(summaries);
            start.RegisterOperationBlockAction(block =>
            {
                var reported = new HashSet<TrackedResult>();
                foreach (var root in IpcBodies.GraphsToAnalyze(block, summaries))
                {
                    ResultCheckAnalysis.AnalyzeBody(known, summaries, root, _ => new Observer(block, handlers, reported), block.CancellationToken);
                }
            });
        });
    }

    private sealed class Observer(OperationBlockAnalysisContext context, SignalHandlers handlers, HashSet<TrackedResult> reported) : ResultObserver
    {
        internal override void OnPathEnd(ResultState state, bool normal)
        {
            foreach (var call in state.FailedUntested)
            {
                if (call.Origin is null || call.Blocking == BlockingKind.None || reported.Contains(call)) continue;
                if (call.Blocking == BlockingKind.RestartedBySaRestart && handlers.AllUseSaRestart(context.CancellationToken)) continue;
                reported.Add(call);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.IPC006RetryOnEintr, call.Origin.Syntax.GetLocation(), call.Describe()));
            }
        }
    }
}
