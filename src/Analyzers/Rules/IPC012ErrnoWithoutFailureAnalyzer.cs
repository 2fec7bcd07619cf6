using System.Collections.Generic;
using System.Collections.Immutable;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.ResultCheck;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

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
            if (KnownSymbols.Create(start.Compilation) is not { } known) return;
            var summaries = new MethodSummaries(known);
            start.RegisterOperationBlockAction(block =>
            {
                var reported = new HashSet<IOperation>();
                foreach (var root in IpcBodies.GraphsToAnalyze(block, summaries))
                {
                    var observers = new List<Observer>();
                    ResultCheckAnalysis.AnalyzeBody(known, summaries, root, _ =>
                    {
                        var observer = new Observer();
                        observers.Add(observer);
                        return observer;
                    }, block.CancellationToken);
                    foreach (var observer in observers)
                    {
                        if (!observer.HasOwnIpcCall) continue;
                        foreach (var (read, why) in observer.Findings)
                        {
                            if (reported.Add(read)) block.ReportDiagnostic(Diagnostic.Create(Descriptors.IPC012ErrnoWithoutFailure, read.Syntax.GetLocation(), Describe(read), why));
                        }
                    }
                }
            });
        });
    }

    private static string Describe(IOperation read) => read is IInvocationOperation invocation ? invocation.TargetMethod.Name : "errno";

    private sealed class Observer : ResultObserver
    {
        internal bool HasOwnIpcCall { get; private set; }

        internal List<(IOperation Read, string Why)> Findings { get; } = [];

        internal override void OnCall(TrackedResult call, ResultState before) => HasOwnIpcCall |= call.Helper is null;

        internal override void OnErrnoRead(IOperation read, ResultState state)
        {
            if ((state.Errno & ErrnoFacts.Stale) != 0) Findings.Add((read, "the last IPC call on this path did not return -1"));
            else if ((state.Errno & ErrnoFacts.PendingAfterFailure) != 0) Findings.Add((read, "another call came between the failure and the read"));
        }
    }
}
