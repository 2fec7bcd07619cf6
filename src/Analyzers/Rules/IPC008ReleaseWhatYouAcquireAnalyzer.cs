using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.SemHold;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC008: a lock (a P that this body, or a Lock/Unlock helper pair called from it, releases with a V of the same
/// semaphore on some path) is still held on another path out: a return, the end of the body, a throw, or a call
/// that may throw outside a finally that releases it. Reported at the P; the leaking exit and the V are additional
/// locations (the code fix moves that V into a finally).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPC008ReleaseWhatYouAcquireAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.IPC008ReleaseWhatYouAcquire);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (SemHoldBodies.For(start.Compilation) is not { } bodies) return;
            start.RegisterOperationBlockAction(block =>
            {
                foreach (var facts in bodies.FactsFor(block)) Report(block, facts);
            });
        });
    }

    private static void Report(OperationBlockAnalysisContext context, LockFacts facts)
    {
        var reported = new System.Collections.Generic.HashSet<SyntaxNode>();
        foreach (var acquisition in facts.Acquisitions)
        {
            if (!facts.IsReleasedHere(acquisition) || facts.IsOpaque(acquisition.Key)) continue;
            if (facts.LeakOf(acquisition) is not { } leak || !reported.Add(acquisition.Operation.Syntax)) continue;
            var exitLocation = LocationOf(leak);
            // [0] the leaking exit, [1..] every V that releases this P (the fix moves one into a finally).
            var locations = new System.Collections.Generic.List<Location> { exitLocation };
            locations.AddRange(facts.ReleasesOf(acquisition).Select(r => r.Site.Syntax.GetLocation()));
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.IPC008ReleaseWhatYouAcquire,
                acquisition.Operation.Syntax.GetLocation(),
                additionalLocations: locations,
                Describe(leak, exitLocation)));
        }
    }

    private static Location LocationOf(LeakingExit leak) => leak.Kind == HoldExitKind.EndOfBody && leak.Where is BaseMethodDeclarationSyntax or BlockSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax
        ? leak.Where.GetLastToken().GetLocation()
        : leak.Where.GetLocation();

    private static string Describe(LeakingExit leak, Location location)
    {
        var line = (location.GetLineSpan().StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
        return leak.Kind switch
        {
            HoldExitKind.MayThrow => $"'{Shorten(leak.Where)}' on line {line} may throw before the V",
            HoldExitKind.Throw => $"the throw on line {line} leaves it held",
            HoldExitKind.Return => $"the return on line {line} leaves it held",
            _ => "the method can end without the V",
        };
    }

    private static string Shorten(SyntaxNode node)
    {
        var text = node.ToString();
        var newline = text.IndexOf('\n');
        if (newline >= 0) text = text.Substring(0, newline).TrimEnd() + " …";
        return text.Length <= 60 ? text : text.Substring(0, 57) + "…";
    }
}
