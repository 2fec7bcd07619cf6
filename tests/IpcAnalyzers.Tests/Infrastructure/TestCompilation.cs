using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IpcAnalyzers.Tests.Infrastructure;

/// <summary>Builds compilations of test snippets against the running framework and the real IpcSim; no downloads.</summary>
internal static class TestCompilation
{
    internal static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    internal static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    internal static CSharpCompilation Create(IReadOnlyList<string> sources, bool withIpcSim = true)
    {
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Test{i}.cs")).ToArray();
        return Create(trees, withIpcSim);
    }

    internal static CSharpCompilation Create(IReadOnlyList<SyntaxTree> trees, bool withIpcSim = true)
    {
        var references = withIpcSim ? References : References.Where(r => !IsIpcSim(r)).ToImmutableArray();
        return CSharpCompilation.Create("TestProject", trees, references, Options(trees));
    }

    internal static CSharpCompilationOptions Options(IEnumerable<SyntaxTree> trees)
    {
        var hasTopLevel = trees.Any(t => t.GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any());
        return new CSharpCompilationOptions(
            hasTopLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            allowUnsafe: true);
    }

    /// <summary>Runs the analyzers; analyzer exceptions become AD0001 diagnostics so that callers can fail on them.</summary>
    internal static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var exceptions = new List<Diagnostic>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, diagnostic) => { lock (exceptions) exceptions.Add(diagnostic); },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        lock (exceptions)
        {
            return diagnostics.AddRange(exceptions)
                .Where(d => !d.IsSuppressed)
                .OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToImmutableArray();
        }
    }

    internal static string Describe(Diagnostic d, string source)
    {
        var span = d.Location.SourceSpan;
        var text = span.End <= source.Length ? source[span.Start..span.End] : "?";
        return $"{d.Id} at [{span.Start}..{span.End}) '{text}': {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static bool IsIpcSim(MetadataReference reference)
        => reference is PortableExecutableReference { FilePath: { } path }
           && string.Equals(Path.GetFileName(path), Path.GetFileName(typeof(IpcSim.Libc).Assembly.Location), StringComparison.Ordinal);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "";
        var paths = tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                        || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll" or "Microsoft.Win32.Primitives.dll")
            .Append(typeof(IpcSim.Libc).Assembly.Location)
            .Distinct(StringComparer.Ordinal);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
