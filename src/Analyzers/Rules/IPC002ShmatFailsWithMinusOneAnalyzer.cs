using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.ResultCheck;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Rules;

/// <summary>IPC002: the address from shmat is compared with 0, IntPtr.Zero, nint.Zero or null as its failure test.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPC002ShmatFailsWithMinusOneAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.IPC002ShmatFailsWithMinusOne);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownSymbols.Create(start.Compilation) is not { } known) return;
            var summaries = new MethodSummaries(known);
            start.RegisterOperationBlockAction(block =>
            {
                var reported = new HashSet<IOperation>();
                foreach (var root in IpcBodies.GraphsToAnalyze(block, summaries))
                {
                    ResultCheckAnalysis.AnalyzeBody(known, summaries, root, _ => new Observer(block, reported), block.CancellationToken);
                }
            });
        });
    }

    private sealed class Observer(OperationBlockAnalysisContext context, HashSet<IOperation> reported) : ResultObserver
    {
        internal override void OnComparison(IOperation comparison, ImmutableHashSet<TrackedResult> values, IOperation constant, ResultState state)
        {
            if (!values.Any(v => v.IsCallResult && v.Function == IpcFunction.shmat)) return;
            if (comparison is IBinaryOperation { OperatorKind: not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals) }) return;
            var isZero = constant.TryGetInteger(out var value) ? value == 0 : constant.IsNullLiteral();
            if (!isZero || !reported.Add(comparison)) return;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.IPC002ShmatFailsWithMinusOne,
                comparison.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(IPC002Properties.ConstantStart, constant.Syntax.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                constant.Syntax.ToString()));
        }
    }
}

/// <summary>What IPC002 tells its code fix: where the constant to replace starts.</summary>
internal static class IPC002Properties
{
    internal const string ConstantStart = "ConstantStart";
}
