using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IpcAnalyzers.Tests.Meta;

public sealed class CodeFixConventionTests
{
    internal static readonly Type[] Analyzers = typeof(Descriptors).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)).ToArray();

    internal static readonly Type[] Fixers = typeof(IpcAnalyzers.CodeFixes.Rules.IPC001CheckResultCodeFix).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t)).ToArray();

    public static TheoryData<string> FixerNames() => new(Fixers.Select(f => f.Name));

    public static TheoryData<string> AnalyzerNames() => new(Analyzers.Select(a => a.Name));

    [Theory]
    [MemberData(nameof(FixerNames))]
    public void Fixer_FixesKnownIds_AndHasFixAll(string name)
    {
        var fixer = (CodeFixProvider)Activator.CreateInstance(Fixers.Single(f => f.Name == name))!;
        Assert.NotEmpty(fixer.FixableDiagnosticIds);
        foreach (var id in fixer.FixableDiagnosticIds) Assert.Contains(id, DescriptorTests.All.Select(d => d.Id));
        Assert.NotNull(fixer.GetFixAllProvider());
        Assert.StartsWith(fixer.FixableDiagnosticIds[0], name, StringComparison.Ordinal);
        Assert.EndsWith("CodeFix", name, StringComparison.Ordinal);
        Assert.NotNull(fixer.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>());
    }

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public void Analyzer_IsNamedAfterItsId_AndExported(string name)
    {
        var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(Analyzers.Single(a => a.Name == name))!;
        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).ToArray();
        Assert.NotEmpty(ids);
        Assert.StartsWith(ids[0], name, StringComparison.Ordinal);
        Assert.EndsWith("Analyzer", name, StringComparison.Ordinal);
        Assert.NotNull(analyzer.GetType().GetCustomAttribute<DiagnosticAnalyzerAttribute>());
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "src/Analyzers/Rules", name + ".cs")), "file name = class name");
    }

    internal static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers()
        => Analyzers.Select(a => (DiagnosticAnalyzer)Activator.CreateInstance(a)!).ToImmutableArray();
}
