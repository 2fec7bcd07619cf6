using System.Collections.Immutable;
using System.Linq;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.ShmWrites;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC005: a write to shared memory (Mem.Write&lt;T&gt;, WriteBytes, WriteString, Marshal's writes, or a call of a helper that writes
/// through its address parameter) through an address derived from shmat, an alias, an offset, a member that holds
/// it or a captured local, that nothing orders with the other attachers: no P held on every path (a semop with a
/// negative sem_op, or an acquiring helper, with no V of that semaphore since), no other lock (C# lock, Monitor,
/// Mutex, SemaphoreSlim), and the segment may already be shared (not before a fork that is still to come, not before
/// an IPC_PRIVATE id is handed on, not "fill, then V" before any P or V). Reported at the write; the shmat (or the
/// member that holds the attachment) is the additional location. The analysis is <see cref="ShmWriteAnalysis"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPC005SynchroniseShmWritesAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.IPC005SynchroniseShmWrites);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (ShmWriteSummaries.For(start.Compilation) is not { } summaries) return;
            start.RegisterOperationBlockAction(block => Analyze(block, summaries));
        });
    }

    private static void Analyze(OperationBlockAnalysisContext context, ShmWriteSummaries summaries)
    {
        var method = context.OwningSymbol as IMethodSymbol;
        foreach (var root in context.OperationBlocks)
        {
            if (root is not (IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation)) continue;
            // The syntax test is trusted for "no" only; MayWrite decides on symbols.
            if (summaries.WriteCalls?.MayCallSurface(root.Syntax, context.CancellationToken) == false || !MayWrite(root, summaries, context)) continue;
            if (context.GetControlFlowGraph(root) is not { } graph) continue;
            foreach (var write in ShmWriteAnalysis.Run(summaries, graph, method, context.CancellationToken).Writes)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.IPC005SynchroniseShmWrites,
                    write.Site.Syntax.GetLocation(),
                    additionalLocations: write.Origins,
                    write.Address.WithoutConversions().Syntax.ToString()));
            }
        }
    }

    /// <summary>A cheap filter: the block calls a Mem write or a helper that writes through a parameter.</summary>
    private static bool MayWrite(IOperation root, ShmWriteSummaries summaries, OperationBlockAnalysisContext context)
        => root.DescendantsAndSelf().OfType<IInvocationOperation>().Any(invocation =>
            summaries.MemWriteAddress(invocation) is not null
            || (!IpcCall.TryMatch(invocation, summaries.Known, out _) && invocation.TargetMethod.IsInSource()
                && invocation.TargetMethod.MethodKind != MethodKind.LocalFunction
                && !summaries.WrittenParameters(invocation.TargetMethod, context.CancellationToken).IsEmpty)
            || invocation.TargetMethod.MethodKind == MethodKind.LocalFunction);
}
