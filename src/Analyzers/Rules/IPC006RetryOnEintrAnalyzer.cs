using System.Collections.Immutable;
using IpcAnalyzers.Flow.ResultCheck;
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
            if (ResultCheckBodies.For(start.Compilation) is not { } bodies) return;
            start.RegisterOperationBlockAction(block => bodies.Report(block, static findings => findings.IPC006));
        });
    }
}
