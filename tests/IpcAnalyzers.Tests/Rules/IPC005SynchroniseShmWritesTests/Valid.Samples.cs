using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC005SynchroniseShmWritesTests
{
    private const string SampleUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using IpcSim;
        global using static IpcSim.Libc;
        global using static IpcSamples.Stdio;
        """;

    /// <summary>The correct programs (ProducerConsumer's shared ring included) stay silent.</summary>
    [Fact]
    public async Task Valid_IpcSamples_NoDiagnostic()
    {
        var diagnostics = await AnalyzeSamples(source => source);
        Assert.Empty(diagnostics.Select(d => d.ToString()));
    }

    /// <summary>
    /// The same run sees the ring: without EMPTY and MUTEX the producer's write is unsynchronised. It goes through
    /// Produce's parameter, captured by ForkAndConsume's fork lambda from ForkAndConsume's parameter, so it is
    /// reported where the address is known to come from shmat: the call of ForkAndConsume in WithSemaphores.
    /// </summary>
    [Fact]
    public async Task Diagnostic_IpcSamples_ProducerWithoutItsPs_ReportedAtTheCall()
    {
        var diagnostics = await AnalyzeSamples(source => source
            .Replace("if (!P(semid, Empty)) return 1;", string.Empty, StringComparison.Ordinal)
            .Replace("if (!Lock(semid)) return 1;", string.Empty, StringComparison.Ordinal));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("ForkAndConsume(shell, ring, semid)", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    private static async Task<Diagnostic[]> AnalyzeSamples(Func<string, string> edit)
    {
        var folder = Path.Combine(RepoPaths.Root, "samples", "IpcSamples");
        var trees = Directory.GetFiles(folder, "*.cs").Order(StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(edit(File.ReadAllText(f)), TestCompilation.ParseOptions, path: f))
            .Append(CSharpSyntaxTree.ParseText(SampleUsings, TestCompilation.ParseOptions, path: "GlobalUsings.cs"))
            .ToArray();
        var compilation = TestCompilation.Create(trees).WithOptions(TestCompilation.Options(trees).WithOutputKind(OutputKind.ConsoleApplication));
        Verify.AssertCompiles(compilation);
        var diagnostics = await TestCompilation.AnalyzeAsync(compilation, [new IPC005SynchroniseShmWritesAnalyzer()]);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.Where(d => d.Id == "IPC005").ToArray();
    }
}
