using System.Collections.Immutable;
using IpcAnalyzers.Flow.ResultCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

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
            if (ResultCheckBodies.For(start.Compilation) is not { } bodies) return;
            start.RegisterOperationBlockAction(block => bodies.Report(block, static findings => findings.IPC002));
        });
    }
}

/// <summary>What IPC002 tells its code fix: where the constant to replace starts.</summary>
internal static class IPC002Properties
{
    internal const string ConstantStart = "ConstantStart";
}
