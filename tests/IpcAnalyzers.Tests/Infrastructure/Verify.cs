using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace IpcAnalyzers.Tests.Infrastructure;

/// <summary>
/// Our own verifier (STYLE §7.3): markup in, exact diagnostics (id + span) out; code fixes by equivalence key or
/// index; Fix All in document, project and solution scope. Fails when a snippet does not compile, when an analyzer
/// throws (AD0001), on any unexpected diagnostic, and when a fix changes nothing or leaves code that does not compile.
/// </summary>
internal static partial class Verify
{
    /// <summary>Asserts exactly the diagnostics the markup marks; <c>[|…|]</c> is <typeparamref name="TAnalyzer"/>'s rule.</summary>
    internal static Task Analyzer<TAnalyzer>(string markup, string? ruleId = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        => Analyzer<TAnalyzer>([markup], ruleId);

    /// <summary>Several documents in one project, each with its own markup.</summary>
    internal static async Task Analyzer<TAnalyzer>(string[] markups, string? ruleId = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var analyzer = new TAnalyzer();
        var parsed = markups.Select(Markup.Parse).ToArray();
        var compilation = TestCompilation.Create(parsed.Select(p => p.Source).ToArray());
        AssertCompiles(compilation);
        var diagnostics = await TestCompilation.AnalyzeAsync(compilation, [analyzer]);
        AssertNoAnalyzerException(diagnostics);
        var id = ruleId ?? DefaultId(analyzer);
        for (var i = 0; i < parsed.Length; i++)
        {
            var tree = compilation.SyntaxTrees.ElementAt(i);
            var actual = diagnostics.Where(d => d.Location.SourceTree == tree).ToArray();
            AssertMatches(parsed[i].Source, parsed[i].Expected.Select(e => e with { Id = e.Id ?? id }).ToArray(), actual);
        }
    }

    /// <summary>
    /// For code that does not compile (half-typed, syntax errors): the analyzer must not throw. Diagnostics are
    /// allowed only where the markup marks them.
    /// </summary>
    internal static async Task BrokenCode<TAnalyzer>(string markup)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var (source, expected) = Markup.Parse(markup);
        var analyzer = new TAnalyzer();
        var compilation = TestCompilation.Create([source]);
        Assert.True(
            compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error),
            "BrokenCode expects code with compile errors; use Analyzer for code that compiles.");
        var diagnostics = await TestCompilation.AnalyzeAsync(compilation, [analyzer]);
        AssertNoAnalyzerException(diagnostics);
        AssertMatches(source, expected.Select(e => e with { Id = e.Id ?? DefaultId(analyzer) }).ToArray(), diagnostics);
    }

    /// <summary>Runs every given analyzer over code; none may throw. Used by the meta-tests.</summary>
    internal static async Task NoAnalyzerException(string source, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var compilation = TestCompilation.Create([source]);
        var diagnostics = await TestCompilation.AnalyzeAsync(compilation, analyzers);
        AssertNoAnalyzerException(diagnostics);
    }

    internal static void AssertCompiles(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length == 0) return;
        var message = new StringBuilder("The test code does not compile:\n");
        foreach (var error in errors) message.AppendLine("  " + error);
        throw new XunitException(message.ToString());
    }

    private static void AssertNoAnalyzerException(ImmutableArray<Diagnostic> diagnostics)
    {
        var crashes = diagnostics.Where(d => d.Id == "AD0001").ToArray();
        if (crashes.Length > 0)
        {
            throw new XunitException("An analyzer threw:\n" + string.Join("\n", crashes.Select(c => c.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
        }
    }

    private static void AssertMatches(string source, IReadOnlyList<ExpectedDiagnostic> expected, IReadOnlyList<Diagnostic> actual)
    {
        var missing = expected.Where(e => !actual.Any(a => a.Id == e.Id && a.Location.SourceSpan == e.Span)).ToArray();
        var extra = actual.Where(a => !expected.Any(e => a.Id == e.Id && a.Location.SourceSpan == e.Span)).ToArray();
        var duplicates = actual.GroupBy(a => (a.Id, a.Location.SourceSpan)).Where(g => g.Count() > 1).ToArray();
        if (missing.Length == 0 && extra.Length == 0 && duplicates.Length == 0) return;
        var message = new StringBuilder("Diagnostics differ from the markup.\n");
        foreach (var m in missing)
        {
            message.AppendLine($"  missing: {m.Id} at [{m.Span.Start}..{m.Span.End}) '{source[m.Span.Start..m.Span.End]}'");
        }

        foreach (var e in extra) message.AppendLine("  unexpected: " + TestCompilation.Describe(e, source));
        foreach (var d in duplicates) message.AppendLine($"  reported {d.Count()} times: " + TestCompilation.Describe(d.First(), source));
        throw new XunitException(message.ToString());
    }

    private static string DefaultId(DiagnosticAnalyzer analyzer)
    {
        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct(StringComparer.Ordinal).ToArray();
        return ids.Length == 1
            ? ids[0]
            : throw new InvalidOperationException($"{analyzer.GetType().Name} reports {ids.Length} ids; pass ruleId.");
    }
}
