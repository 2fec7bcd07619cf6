using System.Collections.Generic;
using System.Collections.Immutable;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.ResultCheck;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IpcAnalyzers.Rules;

/// <summary>IPC001: the -1 result of an IPC call is discarded, or used on a path where it was never compared with -1.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPC001CheckResultAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.IPC001CheckResult);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownSymbols.Create(start.Compilation) is not { } known) return;
            var summaries = new MethodSummaries(known);
            start.RegisterOperationBlockAction(block => AnalyzeBlock(block, summaries));
        });
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, MethodSummaries summaries)
    {
        var reported = new HashSet<TrackedResult>();
        foreach (var root in IpcBodies.GraphsToAnalyze(context, summaries))
        {
            ResultCheckAnalysis.AnalyzeBody(summaries.Known, summaries, root, _ => new Observer(context, reported), context.CancellationToken);
        }
    }

    private sealed class Observer(OperationBlockAnalysisContext context, HashSet<TrackedResult> reported) : ResultObserver
    {
        internal override void OnDiscard(TrackedResult call, ResultState state)
            => Report(call, IPC001Properties.Discarded, $"Result of {call.Describe()} is discarded");

        internal override void OnUncheckedUse(Microsoft.CodeAnalysis.IOperation use, ImmutableHashSet<TrackedResult> uncheckedResults, ResultState state)
        {
            foreach (var result in uncheckedResults)
            {
                Report(result, IPC001Properties.Used, $"Result of {result.Describe()} is used on a path where it was never compared with -1");
            }
        }

        private void Report(TrackedResult result, string kind, string message)
        {
            if (result.Origin is null || (result.Helper is null && !result.Function.ReportsFailureWithMinusOne()) || !reported.Add(result)) return;
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(IPC001Properties.Kind, kind)
                .Add(IPC001Properties.Function, result.Function == IpcFunction.None ? result.Name : result.Function.ToString());
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.IPC001CheckResult, result.Origin.Syntax.GetLocation(), properties, message));
        }
    }
}

/// <summary>What IPC001 tells its code fix.</summary>
internal static class IPC001Properties
{
    internal const string Kind = "Kind";
    internal const string Function = "Function";
    internal const string Discarded = "Discarded";
    internal const string Used = "Used";
}
