using System.Collections.Concurrent;
using System.Collections.Immutable;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Sessions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC016, two findings: signal() installing a handler (reported at the call, with a fix to sigaction), and a handler
/// (lambda, method group, local function given to signal() or SigAction.sa_handler) whose body does something that
/// is not async-signal-safe (reported at the first such operation, no fix). What counts as safe is in
/// <see cref="SignalSafety"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class IPC016PreferSigactionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: <see cref="SignalKind"/> for the signal() call, <see cref="HandlerKind"/> for an unsafe handler.</summary>
    internal const string KindProperty = "Kind";
    internal const string SignalKind = "Signal";
    internal const string HandlerKind = "Handler";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.IPC016PreferSigaction);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (FlowSession.For(start.Compilation).Known is not { } known) return;
            var safety = new SignalSafety(known, new SourceBodies(start.Compilation));
            // A handler installed for several signals is reported once.
            var reported = new ConcurrentDictionary<Location, bool>();
            start.RegisterOperationAction(c => AnalyzeCall(c, known, safety, reported), OperationKind.Invocation);
            if (known.SigAction is not null)
            {
                start.RegisterOperationAction(c => AnalyzeSaHandler(c, known, safety, reported), OperationKind.SimpleAssignment);
            }
        });
    }

    private static void AnalyzeCall(OperationAnalysisContext context, KnownSymbols known, SignalSafety safety, ConcurrentDictionary<Location, bool> reported)
    {
        if (!IpcCall.TryMatch(context.Operation as IInvocationOperation, known, out var call) || call.Function != IpcFunction.signal) return;
        if (call.Argument("handler") is not { } handler || IsDefaultOrIgnore(handler, known)) return;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.IPC016PreferSigaction,
            call.Invocation.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, SignalKind),
            "signal() installs a handler with semantics that differ between systems; use sigaction with SA_RESTART"));
        ReportUnsafeHandler(context, handler, safety, reported);
    }

    private static void AnalyzeSaHandler(OperationAnalysisContext context, KnownSymbols known, SignalSafety safety, ConcurrentDictionary<Location, bool> reported)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IFieldReferenceOperation { Field: { Name: "sa_handler" } field }
            || !SymbolEqualityComparer.Default.Equals(field.ContainingType, known.SigAction))
        {
            return;
        }

        if (!IsDefaultOrIgnore(assignment.Value, known)) ReportUnsafeHandler(context, assignment.Value, safety, reported);
    }

    private static void ReportUnsafeHandler(OperationAnalysisContext context, IOperation handler, SignalSafety safety, ConcurrentDictionary<Location, bool> reported)
    {
        if (safety.HandlerBody(handler, context.CancellationToken) is not { } body) return;
        if (safety.FirstUnsafe(body, 0, context.CancellationToken) is not { } found) return;
        var location = found.Operation.Syntax.GetLocation();
        if (!reported.TryAdd(location, true)) return;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.IPC016PreferSigaction,
            location,
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, HandlerKind),
            $"The signal handler {found.What}, which is not async-signal-safe; set a volatile flag and do the work outside the handler"));
    }

    private static bool IsDefaultOrIgnore(IOperation handler, KnownSymbols known)
        => handler.WithoutConversions() is IFieldReferenceOperation { Field: { Name: "SIG_DFL" or "SIG_IGN" } field }
           && SymbolEqualityComparer.Default.Equals(field.ContainingType, known.Libc);
}
