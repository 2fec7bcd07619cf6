using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Sessions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC014: after <c>pipe(fds)</c> and <c>fork(child)</c>, a side (the child delegate's body, or the parent's code after
/// the fork) keeps open an end it does not use. Judged by use: a reader must close fds[1] before it reads, a writer
/// must close fds[0], a side that uses neither must close both. Uses and closes are read in <see cref="PipeEndUse"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class IPC014CloseUnusedPipeEndAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic properties: the ends each side should close ("1", "0,1"; absent when it is fine), and the array's text.</summary>
    internal const string ChildProperty = "Child";
    internal const string ParentProperty = "Parent";
    internal const string ArrayProperty = "Array";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.IPC014CloseUnusedPipeEnd);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (FlowSession.For(start.Compilation).Known is not { Libc: not null } known) return;
            var bodies = new SourceBodies(start.Compilation);
            start.RegisterOperationAction(c => AnalyzeFork(c, known, bodies), OperationKind.Invocation);
        });
    }

    private static void AnalyzeFork(OperationAnalysisContext context, KnownSymbols known, SourceBodies bodies)
    {
        if (!IpcCall.TryMatch(context.Operation as IInvocationOperation, known, out var fork) || fork.Function != IpcFunction.fork) return;
        var container = Container(fork.Invocation);
        if (LastPipeBefore(container, fork.Invocation, known) is not { } pipe) return;
        var forkSpan = fork.Invocation.Syntax.Span;
        var childBody = ChildBody(fork, bodies, context.CancellationToken);
        var use = new PipeEndUse(pipe.Array, childBody is null ? [container] : [container, childBody], known, bodies, context.CancellationToken);

        // Ends the parent closed between pipe() and fork() are closed for both processes.
        if (use.Read(PipeEndUse.Within(container, o => o.Syntax.SpanStart > pipe.Call.Syntax.Span.End && o.Syntax.Span.End <= forkSpan.Start)) is not { } before) return;
        var parent = use.Read(PipeEndUse.Within(container, o => o.Syntax.SpanStart >= forkSpan.End));
        var child = childBody is null ? null : use.Read(PipeEndUse.Within(childBody, _ => true));

        var childMissing = child?.Missing(before) ?? [];
        var parentMissing = parent?.Missing(before) ?? [];
        if (childMissing.Count == 0 && parentMissing.Count == 0) return;

        var name = pipe.Name;
        string side;
        string ends;
        if (childMissing.Count > 0 && parentMissing.Count > 0)
        {
            side = "child";
            ends = $"{Ends(name, childMissing)}, and the parent does not use {Ends(name, parentMissing)}";
        }
        else
        {
            side = childMissing.Count > 0 ? "child" : "parent";
            ends = Ends(name, childMissing.Count > 0 ? childMissing : parentMissing);
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(ArrayProperty, pipe.Text);
        if (childMissing.Count > 0) properties = properties.Add(ChildProperty, string.Join(",", childMissing));
        if (parentMissing.Count > 0) properties = properties.Add(ParentProperty, string.Join(",", parentMissing));
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.IPC014CloseUnusedPipeEnd, fork.Invocation.Syntax.GetLocation(), properties, side, ends));
    }

    private static string Ends(string name, IReadOnlyList<int> ends) => string.Join(" or ", ends.Select(e => $"{name}[{e}]"));

    /// <summary>The body the fork runs in: the enclosing lambda or local function, else the whole member.</summary>
    private static IOperation Container(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda: return lambda.Body;
                case ILocalFunctionOperation { Body: { } body }: return body;
            }

            if (current.Parent is null) return current;
        }

        return operation;
    }

    private static (IOperation Call, ISymbol Array, string Name, string Text)? LastPipeBefore(IOperation container, IOperation fork, KnownSymbols known)
    {
        (IOperation, ISymbol, string, string)? last = null;
        foreach (var operation in PipeEndUse.Within(container, o => o.Syntax.Span.End <= fork.Syntax.SpanStart))
        {
            if (operation is not IInvocationOperation invocation || !IpcCall.TryMatch(invocation, known, out var call)) continue;
            if (call.Function is not (IpcFunction.pipe or IpcFunction.pipe2)) continue;
            if (call.Argument("pipefd") is { } array && PipeEndUse.ReferencedSymbol(array) is { } symbol)
            {
                last = (invocation, symbol, symbol.Name, array.Syntax.ToString());
            }
        }

        return last;
    }

    private static IOperation? ChildBody(IpcCall fork, SourceBodies bodies, CancellationToken cancellationToken)
    {
        var value = fork.Invocation.Arguments.FirstOrDefault()?.Value.WithoutConversions();
        if (value is IDelegateCreationOperation creation) value = creation.Target.WithoutConversions();
        return value switch
        {
            IAnonymousFunctionOperation lambda => lambda.Body,
            IMethodReferenceOperation { Method: { } method } => bodies.Body(method, cancellationToken),
            _ => null,
        };
    }
}
