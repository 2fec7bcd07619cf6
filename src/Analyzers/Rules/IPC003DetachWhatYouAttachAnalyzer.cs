using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using IpcAnalyzers.Flow.Attach;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC003: an address from shmat that does not reach shmdt on some path out of its owner (a return, the end of the
/// body, a throw, an exception inside a try), unless it escapes; and an address stored in a field or property of a
/// type that no method of the type detaches. Reported at the shmat, with the leaking exits (or the store) as
/// additional locations. IPC007 reads the same <see cref="AttachAnalysis"/> results (one run per body, <see cref="AttachBodies"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPC003DetachWhatYouAttachAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.IPC003DetachWhatYouAttach);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (AttachBodies.For(start.Compilation) is not { } bodies) return;
            start.RegisterOperationBlockAction(block =>
            {
                foreach (var result in bodies.ResultsFor(block)) Report(block, bodies.Summaries, result);
            });
        });
    }

    private static void Report(OperationBlockAnalysisContext context, AttachSummaries summaries, AttachResult result)
    {
        var reported = new HashSet<Attachment>();
        foreach (var group in result.Leaks.GroupBy(l => l.Attachment))
        {
            if (group.Key.Origin is not { } origin || !reported.Add(group.Key)) continue;
            var first = group.First();
            var exits = group.Select(l => l.Exit.Location).OfType<Location>().ToArray();
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(IPC003Properties.Kind, IPC003Properties.Leak)
                .Add(IPC003Properties.ExitKind, first.Exit.Kind.ToString());
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.IPC003DetachWhatYouAttach, origin.Syntax.GetLocation(), exits, properties, Describe(first.Exit, result)));
        }

        foreach (var store in result.MemberStores)
        {
            if (store.Attachment.Origin is not { } origin || reported.Contains(store.Attachment)) continue;
            if (summaries.IsMemberDetached(store.Member, context.CancellationToken)) continue;
            reported.Add(store.Attachment);
            var properties = ImmutableDictionary<string, string?>.Empty.Add(IPC003Properties.Kind, IPC003Properties.Member);
            var message = $"it is stored in '{store.Member.Name}', which no method of '{store.Member.ContainingType.Name}' detaches (a Dispose or Close that calls shmdt)";
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.IPC003DetachWhatYouAttach, origin.Syntax.GetLocation(), [store.Store.Syntax.GetLocation()], properties, message));
        }
    }

    private static string Describe(AttachExit exit, AttachResult result) => exit.Kind switch
    {
        AttachExitKind.Return => "a return leaves it attached",
        AttachExitKind.Throw => "a throw leaves it attached",
        AttachExitKind.ExceptionInTry => "an exception thrown inside the try leaves it attached",
        _ => $"it is still attached when {OwnerName(result)} ends",
    };

    private static string OwnerName(AttachResult result) => result.Graph.OriginalOperation.Syntax switch
    {
        Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax method => $"'{method.Identifier.ValueText}'",
        Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax local => $"'{local.Identifier.ValueText}'",
        Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax constructor => $"the constructor of '{constructor.Identifier.ValueText}'",
        Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax => "the lambda",
        _ => "the body",
    };
}

/// <summary>What IPC003 tells its code fix.</summary>
internal static class IPC003Properties
{
    internal const string Kind = "Kind";
    internal const string ExitKind = "ExitKind";

    /// <summary>Some path leaves the owner with the address attached: the fix wraps the uses in try/finally.</summary>
    internal const string Leak = "Leak";

    /// <summary>Stored in a member no method detaches: no automatic fix.</summary>
    internal const string Member = "Member";
}
