using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using IpcAnalyzers.Flow.Attach;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC007: a Mem or Marshal read or write (or a helper that reads or writes through its parameter) through an address, an
/// alias or an offset of it, on a path where shmdt has released it; or a second shmdt of it. Reported at the access,
/// with the shmdt calls as additional locations. A re-attach (<c>addr = shmat(...)</c>) starts afresh. This analyzer
/// reads the <see cref="AttachAnalysis"/> results IPC003 reads (one run per body); each reports its own id only.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPC007NoAccessAfterShmdtAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.IPC007NoAccessAfterShmdt);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (AttachBodies.For(start.Compilation) is not { } bodies) return;
            start.RegisterOperationBlockAction(block =>
            {
                foreach (var result in bodies.ResultsFor(block)) Report(block, result);
            });
        });
    }

    private static void Report(OperationBlockAnalysisContext context, AttachResult result)
    {
        var reported = new HashSet<SyntaxNode>();
        foreach (var access in result.AccessesAfterDetach)
        {
            if (!reported.Add(access.Access.Syntax)) continue;
            var detaches = result.DetachesOf(access.Attachment)
                .Where(d => d.Syntax != access.Access.Syntax)
                .Select(d => d.Syntax.GetLocation())
                .ToArray();
            var name = access.Address.WithoutConversions().Syntax.ToString();
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.IPC007NoAccessAfterShmdt, access.Access.Syntax.GetLocation(), detaches, name));
        }
    }
}
