using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace IpcAnalyzers.Tests.Infrastructure;

internal static partial class Verify
{
    /// <summary>
    /// Applies one fix to the first diagnostic the markup marks, chosen by equivalence key (or index when the key
    /// is null), and compares the text. The fixed code must compile and have one diagnostic of the rule fewer.
    /// </summary>
    internal static async Task CodeFix<TAnalyzer, TFix>(string markup, string fixedCode, string? equivalenceKey = null, int index = 0)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        await Analyzer<TAnalyzer>(markup);
        var analyzer = new TAnalyzer();
        var fixer = new TFix();
        var (source, expected) = Markup.Parse(markup);
        var project = FixProject.Create([source]);
        var document = project.Documents.Single();
        var diagnostics = await FixProject.DiagnosticsAsync(project, analyzer, fixer);
        var target = expected.Count > 0
            ? diagnostics.First(d => d.Location.SourceSpan == expected[0].Span)
            : throw new XunitException("The markup marks no diagnostic to fix.");
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, target, (a, _) => actions.Add(a), CancellationToken.None);
        await fixer.RegisterCodeFixesAsync(context);
        var action = equivalenceKey is null
            ? actions.ElementAtOrDefault(index)
            : actions.FirstOrDefault(a => a.EquivalenceKey == equivalenceKey);
        if (action is null)
        {
            throw new XunitException($"No code action '{equivalenceKey ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture)}'; registered: "
                + string.Join(", ", actions.Select(a => a.EquivalenceKey)));
        }

        var solution = await ApplyAsync(action, project.Solution);
        var text = await FixProject.TextAsync(solution, document.Id);
        Assert.NotEqual(source, text);
        AssertSameText(fixedCode, text);
        var before = diagnostics.Count(d => d.Id == target.Id);
        var after = await FixProject.DiagnosticsAsync(solution.GetProject(project.Id)!, analyzer, fixer);
        Assert.True(after.Count(d => d.Id == target.Id) < before, "The fix left the diagnostic in place.");
    }

    /// <summary>Asserts that the fixer offers nothing for the first marked diagnostic.</summary>
    internal static async Task NoCodeFix<TAnalyzer, TFix>(string markup)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        await Analyzer<TAnalyzer>(markup);
        var (source, expected) = Markup.Parse(markup);
        var fixer = new TFix();
        var project = FixProject.Create([source]);
        var diagnostics = await FixProject.DiagnosticsAsync(project, new TAnalyzer(), fixer);
        var target = diagnostics.First(d => d.Location.SourceSpan == expected[0].Span);
        var actions = new List<CodeAction>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(project.Documents.Single(), target, (a, _) => actions.Add(a), CancellationToken.None));
        Assert.Empty(actions);
    }

    /// <summary>Fix All in one document (the only one).</summary>
    internal static Task FixAll<TAnalyzer, TFix>(string markup, string fixedCode, string? equivalenceKey = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
        => FixAll<TAnalyzer, TFix>([markup], [fixedCode], FixAllScope.Document, equivalenceKey);

    /// <summary>
    /// Fix All in the given scope: document scope fixes the first document; project and solution scope fix them all.
    /// Every fixed document is compared; the result must compile and carry none of the fixed diagnostics that the fix
    /// was meant to remove.
    /// </summary>
    internal static async Task FixAll<TAnalyzer, TFix>(string[] markups, string[] fixedCodes, FixAllScope scope, string? equivalenceKey = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        await Analyzer<TAnalyzer>(markups);
        var analyzer = new TAnalyzer();
        var fixer = new TFix();
        var sources = markups.Select(m => Markup.Parse(m).Source).ToArray();
        var project = FixProject.Create(sources);
        var diagnostics = await FixProject.DiagnosticsAsync(project, analyzer, fixer);
        var first = diagnostics.FirstOrDefault(d => d.Location.SourceTree is not null)
            ?? throw new XunitException("Nothing to fix.");
        var document = project.GetDocument(first.Location.SourceTree)!;
        var actions = new List<CodeAction>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, first, (a, _) => actions.Add(a), CancellationToken.None));
        var key = equivalenceKey ?? actions.FirstOrDefault()?.EquivalenceKey
            ?? throw new XunitException("The fixer registered no action.");
        var provider = fixer.GetFixAllProvider() ?? throw new XunitException("The fixer has no Fix All provider.");
        var diagnosticProvider = new DiagnosticProvider(analyzer, fixer);
        var context = scope == FixAllScope.Document
            ? new FixAllContext(document, fixer, scope, key, fixer.FixableDiagnosticIds, diagnosticProvider, CancellationToken.None)
            : new FixAllContext(project, fixer, scope, key, fixer.FixableDiagnosticIds, diagnosticProvider, CancellationToken.None);
        var action = await provider.GetFixAsync(context) ?? throw new XunitException("Fix All produced no action.");
        var solution = await ApplyAsync(action, project.Solution);
        var ids = project.DocumentIds.ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            AssertSameText(fixedCodes[i], await FixProject.TextAsync(solution, ids[i]));
        }

        var fixedProject = solution.GetProject(project.Id)!;
        var remaining = await FixProject.DiagnosticsAsync(fixedProject, analyzer, fixer);
        var fixedDocuments = scope == FixAllScope.Document ? [document.Id] : ids;
        var left = remaining.Where(d => fixedProject.GetDocument(d.Location.SourceTree) is { } doc && fixedDocuments.Contains(doc.Id)).ToArray();
        Assert.True(left.Length == 0, "Fix All left diagnostics: " + string.Join("; ", left.Select(d => d.ToString())));
    }

    private static async Task<Solution> ApplyAsync(CodeAction action, Solution original)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = operations.OfType<ApplyChangesOperation>().Single();
        var changed = apply.ChangedSolution;
        var compilation = await changed.Projects.Single().GetCompilationAsync();
        var errors = compilation!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            var texts = await Task.WhenAll(changed.Projects.Single().Documents.Select(async d => (await d.GetTextAsync()).ToString()));
            throw new XunitException("The fixed code does not compile:\n" + string.Join("\n", errors.Select(e => "  " + e))
                + "\n---\n" + string.Join("\n---\n", texts));
        }

        Assert.NotSame(original, changed);
        return changed;
    }

    private static void AssertSameText(string expected, string actual)
    {
        if (string.Equals(Normalize(expected), Normalize(actual), StringComparison.Ordinal)) return;
        throw new XunitException($"The fixed code differs.\n--- expected\n{expected}\n--- actual\n{actual}\n---");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Runs the analyzer for Fix All, filtered to the fixer's ids.</summary>
    private sealed class DiagnosticProvider(DiagnosticAnalyzer analyzer, CodeFixProvider fixer) : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => await FixProject.DiagnosticsAsync(project, analyzer, fixer);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return (await FixProject.DiagnosticsAsync(document.Project, analyzer, fixer)).Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => (await FixProject.DiagnosticsAsync(project, analyzer, fixer)).Where(d => !d.Location.IsInSource);
    }
}
