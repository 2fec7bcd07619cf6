using System.Collections.Immutable;
using IpcAnalyzers.Flow.ResultCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC012: errno (or perror) is read where, on that path, the last IPC call did not fail, or another call came
/// between the failure and the read. Bodies without an IPC call of their own (a Die(msg) helper) are not judged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPC012ErrnoWithoutFailureAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.IPC012ErrnoWithoutFailure);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (ResultCheckBodies.For(start.Compilation) is not { } bodies) return;
            start.RegisterOperationBlockAction(block => bodies.Report(block, static findings => findings.IPC012));
        });
    }
}
