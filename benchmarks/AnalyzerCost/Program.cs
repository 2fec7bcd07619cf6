using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using IpcAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// Analyzer time as a share of compile time, on two generated projects of about 50,000 lines each:
// one without any IPC use (the analyzers should register nothing), one dense with it.
var lines = args.Length > 0 && int.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 50_000;
ImmutableArray<DiagnosticAnalyzer> analyzers =
[
    new IPC001CheckResultAnalyzer(), new IPC002ShmatFailsWithMinusOneAnalyzer(),
    new IPC006RetryOnEintrAnalyzer(), new IPC012ErrnoWithoutFailureAnalyzer(),
];

if (args.Contains("--engine"))
{
    EngineOnly(Generate(lines, true));
    return;
}

foreach (var (name, dense) in new[] { ("no IPC use", false), ("dense IPC use", true) })
{
    Measure(name, Generate(lines, dense), withIpcSim: dense, analyzers);
}

// The floor any CFG-based rule pays: building the operation trees and graphs, with no analysis at all.
Measure("dense IPC use, graphs only (baseline)", Generate(lines, true), withIpcSim: true, [new GraphsOnly()]);

void Measure(string name, IReadOnlyList<string> sources, bool withIpcSim, ImmutableArray<DiagnosticAnalyzer> analyzers)
{
    var parse = new CSharpParseOptions(LanguageVersion.Latest);
    var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"G{i}.cs")).ToArray();
    var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll");
    var references = tpa.Select(p => MetadataReference.CreateFromFile(p)).ToList();
    if (withIpcSim) references.Add(MetadataReference.CreateFromFile(typeof(IpcSim.Libc).Assembly.Location));
    var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: true);

    // Warm up the compiler once so that JIT time is not counted against either run.
    _ = CSharpCompilation.Create("Warm", trees.Take(1), references, options).GetDiagnostics();

    var plainWatch = Stopwatch.StartNew();
    var plain = CSharpCompilation.Create("Bench", trees, references, options);
    var errors = plain.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
    using (var peStream = new MemoryStream()) plain.Emit(peStream);
    plainWatch.Stop();

    var withWatch = Stopwatch.StartNew();
    var fresh = CSharpCompilation.Create("Bench", trees, references, options);
    var withAnalyzers = fresh.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
        new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
    var all = withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult();
    using (var peStream = new MemoryStream()) fresh.Emit(peStream);
    withWatch.Stop();

    var reported = all.Count(d => d.Id.StartsWith("IPC", StringComparison.Ordinal));
    var lineCount = sources.Sum(s => s.Count(c => c == '\n'));
    var overhead = withWatch.Elapsed - plainWatch.Elapsed;
    Console.WriteLine($"{name}: {lineCount} lines, {errors} compile errors, {reported} IPC diagnostics");
    Console.WriteLine($"  compile without analyzers: {plainWatch.Elapsed.TotalMilliseconds:F0} ms; with: {withWatch.Elapsed.TotalMilliseconds:F0} ms");
    Console.WriteLine($"  analyzer share: {100 * overhead / plainWatch.Elapsed:F1}% of compile time");
}

void EngineOnly(IReadOnlyList<string> sources)
{
    var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s)).ToArray();
    var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).Append(MetadataReference.CreateFromFile(typeof(IpcSim.Libc).Assembly.Location));
    var compilation = CSharpCompilation.Create("E", trees, tpa, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    var graphs = new List<Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph>();
    var w0 = Stopwatch.StartNew();
    foreach (var tree in trees)
    {
        var model = compilation.GetSemanticModel(tree);
        foreach (var m in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
            graphs.Add(Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph.Create(m, model)!);
    }
    Console.WriteLine($"bind + graphs for {graphs.Count} methods: {w0.ElapsedMilliseconds} ms");
    var known = IpcAnalyzers.Api.KnownSymbols.Create(compilation)!;
    var summaries = new IpcAnalyzers.Flow.Summaries.MethodSummaries(known);
    {
        var a = new IpcAnalyzers.Flow.ResultCheck.ResultCheckAnalysis(known, summaries, new IpcAnalyzers.Flow.ResultCheck.BlockingCalls(known, null), CancellationToken.None);
        var w1 = Stopwatch.StartNew();
        foreach (var g in graphs) a.Analyze(g, IpcAnalyzers.Flow.ResultCheck.ResultState.Entry);
        Console.WriteLine($"analyze only, no blocking classification: {w1.ElapsedMilliseconds} ms");
        var w2 = Stopwatch.StartNew();
        foreach (var g in graphs) foreach (var b in g.Blocks) foreach (var op in b.Operations) foreach (var d in Microsoft.CodeAnalysis.Operations.OperationExtensions.DescendantsAndSelf(op)) { _ = d.ConstantValue; }
        Console.WriteLine($"walk only: {w2.ElapsedMilliseconds} ms");
    }
    for (var round = 0; round < 5; round++)
    {
        // Allocation is deterministic where wall time on shared cores is not: report both.
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var w = Stopwatch.StartNew();
        foreach (var g in graphs)
            IpcAnalyzers.Flow.ResultCheck.ResultCheckAnalysis.AnalyzeBody(known, summaries, g, _ => new NullObserver(), CancellationToken.None);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Console.WriteLine($"engine round {round}: {w.ElapsedMilliseconds} ms, {w.Elapsed.TotalMilliseconds * 1000 / graphs.Count:F0} µs and {allocated / graphs.Count / 1024.0:F1} KB allocated per method");
    }
}

static IReadOnlyList<string> Generate(int lines, bool dense)
{
    const int MethodsPerFile = 50;
    var files = new List<string>();
    var total = 0;
    for (var file = 0; total < lines; file++)
    {
        var sb = new StringBuilder();
        sb.AppendLine(dense ? "using IpcSim;\nusing static IpcSim.Libc;" : "using System;");
        sb.AppendLine($"static class C{file}\n{{");
        for (var m = 0; m < MethodsPerFile; m++)
        {
            if (dense)
            {
                sb.AppendLine($$"""
                        static int M{{m}}(int key, bool verbose)
                        {
                            int id = shmget(key + {{m}}, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
                            if (id == -1) { perror("shmget"); return -1; }
                            nint p = shmat(id, 0, 0);
                            if (p == 0) return -1;
                            var ops = new[] { new Sembuf(0, -1, SEM_UNDO) };
                            int r;
                            do r = semop(id, ops, 1); while (r == -1 && errno == EINTR);
                            if (verbose) shmdt(p);
                            if (semop(id, ops, 1) == -1) return errno;
                            return shmctl(id, IPC_RMID, null);
                        }
                    """);
            }
            else
            {
                sb.AppendLine($$"""
                        static int M{{m}}(int x, bool verbose)
                        {
                            int y = x * {{m}} + 1;
                            if (verbose) Console.WriteLine(y);
                            for (var i = 0; i < 3; i++) y += i;
                            try { y = checked(y * 2); } catch (OverflowException) { y = 0; }
                            return y == -1 ? 0 : y;
                        }
                    """);
            }

        }

        sb.AppendLine("}");
        files.Add(sb.ToString());
        total += sb.ToString().Count(c => c == '\n');
    }

    return files;
}

/// <summary>Asks for every method's control-flow graph and does nothing with it.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
#pragma warning disable RS1036, RS1025, RS1026
internal sealed class GraphsOnly : DiagnosticAnalyzer
{
#pragma warning disable RS2008, RS0030
    private static readonly DiagnosticDescriptor Never = new("BENCH001", "never reported", "never", "Bench", DiagnosticSeverity.Hidden, true);
#pragma warning restore RS2008, RS0030

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Never];

    public override void Initialize(AnalysisContext context)
        => context.RegisterOperationBlockAction(block =>
        {
            foreach (var root in block.OperationBlocks)
            {
                if (root is Microsoft.CodeAnalysis.Operations.IBlockOperation) _ = block.GetControlFlowGraph(root);
            }
        });
}

internal sealed class NullObserver : IpcAnalyzers.Flow.ResultCheck.ResultObserver { }
