using System.Collections.Immutable;
using IpcAnalyzers.Flow.ResultCheck;
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
            if (ResultCheckBodies.For(start.Compilation) is not { } bodies) return;
            start.RegisterOperationBlockAction(block => bodies.Report(block, static findings => findings.IPC001));
        });
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
