using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace IpcAnalyzers.Tests.Infrastructure;

/// <summary>An in-memory workspace project for code-fix tests, with the same references as <see cref="TestCompilation"/>.</summary>
internal static class FixProject
{
    internal static Project Create(IReadOnlyList<string> sources)
    {
        var workspace = new AdhocWorkspace();
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s, TestCompilation.ParseOptions)).ToArray();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Create(), "TestProject", "TestProject", LanguageNames.CSharp,
                compilationOptions: TestCompilation.Options(trees),
                parseOptions: TestCompilation.ParseOptions,
                metadataReferences: TestCompilation.References));
        for (var i = 0; i < sources.Count; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Test{i}.cs", SourceText.From(sources[i]), filePath: $"/src/Test{i}.cs");
        }

        return solution.GetProject(projectId)!;
    }

    internal static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project, DiagnosticAnalyzer analyzer, CodeFixProvider fixer)
    {
        var compilation = await project.GetCompilationAsync() ?? throw new InvalidOperationException("No compilation.");
        var diagnostics = await TestCompilation.AnalyzeAsync(compilation, [analyzer]);
        return diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
    }

    internal static async Task<string> TextAsync(Solution solution, DocumentId id)
        => (await solution.GetDocument(id)!.GetTextAsync()).ToString();
}
