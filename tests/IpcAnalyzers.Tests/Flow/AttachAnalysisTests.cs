using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Attach;
using IpcAnalyzers.Flow.Summaries;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Tests.Flow;

/// <summary>The attach engine on its own: summaries, the IPC005 query, states at accesses, exits and their locations.</summary>
public sealed class AttachAnalysisTests
{
    private const string Usings = "using System;\nusing IpcSim;\nusing static IpcSim.Libc;\n";

    [Fact]
    public void Summary_TryAttachWithIfReturnsTrueWhenAttached()
    {
        var (summaries, compilation) = Create("""
            class C
            {
                static bool TryAttach(int shmid, out nint addr)
                {
                    addr = shmat(shmid, 0, 0);
                    if (addr == -1)
                    {
                        perror("shmat");
                        return false;
                    }

                    return true;
                }
            }
            """);
        var summary = summaries.Get(Method(compilation, "TryAttach"), hasTrackedArguments: false, CancellationToken.None)!;
        Assert.True(summary.AttachesOut(1));
        Assert.Equal(true, summary.TrueWhenAttached);
    }

    [Fact]
    public void Query_DerivedFromShmat_AliasesOffsetsConversionsTuplesAndOut()
    {
        var results = Analyze("""
            class C
            {
                static bool TryAttach(int shmid, out nint addr)
                {
                    addr = shmat(shmid, 0, 0);
                    return addr != -1;
                }

                static void M(int shmid, nint other)
                {
                    nint a = shmat(shmid, 0, 0);
                    if (a == -1) return;
                    IntPtr b = (IntPtr)a;
                    var (c, n) = ((nint)b + 8, 4);
                    if (!TryAttach(shmid, out var d)) return;
                    Mem.Write<int>(a, 1);
                    Mem.Write<int>(b, 2);
                    Mem.Write<int>(c, 3);
                    Mem.Write<int>(d + n, 4);
                    Mem.Write<int>(other, 5);
                    _ = shmdt(a);
                    _ = shmdt(d);
                }
            }
            """, "M");
        var writes = Writes(results);
        Assert.Equal([true, true, true, true, false], writes.Select(w => results.Result.IsDerivedFromShmat(w.Arguments[0].Value)).ToArray());
        Assert.All(writes.Take(4), w => Assert.Equal(AttachState.Attached, results.Result.StateOf(w.Arguments[0].Value)));
    }

    [Fact]
    public void Query_FieldThatTheTypeAttaches()
    {
        var results = Analyze("""
            sealed class Counter
            {
                private readonly nint region;

                public Counter(int shmid) => region = shmat(shmid, 0, 0);

                public void Increment(int semid) => Mem.Write<int>(region, Mem.Read<int>(region) + 1);
            }
            """, "Increment");
        Assert.True(results.Result.IsDerivedFromShmat(Writes(results).Single().Arguments[0].Value));
    }

    [Fact]
    public void Query_StatesAfterDetachOnEveryAndOnSomePaths()
    {
        var results = Analyze("""
            class C
            {
                static void M(int shmid, bool early)
                {
                    nint a = shmat(shmid, 0, 0);
                    if (a == -1) return;
                    if (early) _ = shmdt(a);
                    Mem.Write<int>(a, 1);
                    _ = shmdt(a);
                    Mem.Write<int>(a, 2);
                }
            }
            """, "M");
        var writes = Writes(results);
        Assert.Equal(AttachState.MaybeDetached, results.Result.StateOf(writes[0].Arguments[0].Value));
        Assert.Equal(AttachState.Detached, results.Result.StateOf(writes[1].Arguments[0].Value));
    }

    [Theory]
    [InlineData(0, "Unknown")]
    [InlineData(1, "Attached")]
    [InlineData(2, "Detached")]
    [InlineData(4, "Escaped")]
    [InlineData(1 | 2, "MaybeDetached")]
    [InlineData(4 | 2, "MaybeDetached")]
    [InlineData(1 | 4, "Attached")]
    public void State_FromPaths(int paths, string expected) => Assert.Equal(expected, ((AttachPaths)paths).ToState().ToString());

    [Fact]
    public void Leaks_ExitLocations()
    {
        var results = Analyze("""
            class C
            {
                static void M(int shmid, bool a, bool b)
                {
                    nint p = shmat(shmid, 0, 0);
                    if (p == -1) return;
                    if (a) return;
                    if (b) throw new InvalidOperationException();
                    try
                    {
                        Use(p);
                    }
                    finally
                    {
                        Console.WriteLine();
                    }

                    _ = shmdt(p);
                }

                static void Use(nint p) => Mem.Write<int>(p, 1);
            }
            """, "M");
        var exits = results.Result.Leaks.Select(l => (l.Exit.Kind, Text(l.Exit.Location))).ToArray();
        Assert.Equal(
            [(AttachExitKind.Return, "return;"), (AttachExitKind.Throw, "throw new InvalidOperationException();"), (AttachExitKind.ExceptionInTry, "Use(p)")],
            exits.OrderBy(e => e.Kind).ToArray());
    }

    [Fact]
    public void Leaks_EndOfBodyIsTheClosingBrace()
    {
        var results = Analyze("""
            class C
            {
                static void M(int shmid)
                {
                    nint p = shmat(shmid, 0, 0);
                    if (p == -1) return;
                    Mem.Write<int>(p, 1);
                }
            }
            """, "M");
        var leak = Assert.Single(results.Result.Leaks);
        Assert.Equal(AttachExitKind.End, leak.Exit.Kind);
        Assert.Equal("}", Text(leak.Exit.Location));
    }

    [Fact]
    public void Summary_DetachesReturnsAndCaptures()
    {
        var (summaries, compilation) = Create("""
            class C
            {
                static void Detach(nint p) { if (shmdt(p) == -1) perror("shmdt"); }
                static void Maybe(nint p, bool b) { if (b) _ = shmdt(p); }
                static nint Offset(nint p, int n) => p + n;
                static int Peek(nint p) => Mem.Read<int>(p);
                static nint Attach(int id) { var p = shmat(id, 0, 0); if (p == -1) exit(1); return p; }
            }
            """);
        AttachSummary Of(string name) => summaries.Get(Method(compilation, name), hasTrackedArguments: true, CancellationToken.None)!;
        Assert.True(Of("Detach").Detaches(0));
        Assert.Equal(AttachPaths.Attached | AttachPaths.Detached, Of("Maybe").ExitOf(0));
        Assert.True(Of("Offset").ReturnsParameter(0));
        Assert.Equal(AttachPaths.Attached, Of("Offset").ExitOf(0));
        Assert.True(Of("Peek").Accesses(0));
        Assert.True(Of("Attach").ReturnsAttached);
    }

    [Fact]
    public void Summary_MarshalReadsAndWritesAccessTheParameterWithoutEscaping()
    {
        var (summaries, compilation) = Create("""
            class C
            {
                static int Peek(IntPtr p) => System.Runtime.InteropServices.Marshal.ReadInt32(p, 4);
                static void Fill(IntPtr p, byte[] data) => System.Runtime.InteropServices.Marshal.Copy(data, 0, p, data.Length);
                static void Drain(IntPtr p, byte[] data) => System.Runtime.InteropServices.Marshal.Copy(p, data, 0, data.Length);
            }
            """);
        foreach (var name in new[] { "Peek", "Fill", "Drain" })
        {
            var summary = summaries.Get(Method(compilation, name), hasTrackedArguments: true, CancellationToken.None)!;
            Assert.True(summary.Accesses(0), name);
            Assert.Equal(AttachPaths.Attached, summary.ExitOf(0));
        }
    }

    [Fact]
    public void Members_HeldAndDetached()
    {
        var (summaries, compilation) = Create("""
            sealed class Both : IDisposable
            {
                private nint kept;
                private nint leaked;
                public Both(int id) { kept = shmat(id, 0, 0); leaked = shmat(id, 0, 0); }
                public void Dispose() { var p = kept; Release(p); }
                private static void Release(nint p) => _ = shmdt(p);
            }
            """);
        var type = compilation.GetTypeByMetadataName("Both")!;
        var members = summaries.MembersHoldingAttachments(type, CancellationToken.None);
        Assert.Equal(["kept", "leaked"], members.Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray());
        Assert.True(summaries.IsMemberDetached(type.GetMembers("kept").Single(), CancellationToken.None));
        Assert.False(summaries.IsMemberDetached(type.GetMembers("leaked").Single(), CancellationToken.None));
    }

    private static string Text(Location? location) => location!.SourceTree!.GetText().ToString(location.SourceSpan);

    private static IInvocationOperation[] Writes((AttachResult Result, SemanticModel Model, SyntaxNode Method) results)
        => results.Method.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(i => results.Model.GetOperation(i)).OfType<IInvocationOperation>()
            .Where(i => i.TargetMethod.Name == "Write").ToArray();

    /// <summary>Analyses one method as the analyzers do (members of its type seeded) and returns the root graph's result.</summary>
    private static (AttachResult Result, SemanticModel Model, SyntaxNode Method) Analyze(string source, string method)
    {
        var (summaries, compilation) = Create(source);
        var symbol = Method(compilation, method);
        var syntax = symbol.DeclaringSyntaxReferences.Single().GetSyntax();
        var model = compilation.GetSemanticModel(syntax.SyntaxTree);
        var graph = ControlFlowGraph.Create(syntax, model) ?? throw new InvalidOperationException("no graph for " + method);
        AttachResult? root = null;
        var members = summaries.MembersHoldingAttachments(symbol.ContainingType, CancellationToken.None);
        AttachAnalysis.AnalyzeBody(summaries, graph, members, r => root ??= r, CancellationToken.None);
        return (root!, model, syntax);
    }

    internal static (AttachSummaries Summaries, Compilation Compilation) Create(string source)
    {
        var compilation = TestCompilation.Create([Usings + source]);
        Verify.AssertCompiles(compilation);
        var known = KnownSymbols.Create(compilation)!;
        return (new AttachSummaries(new MethodSummaries(known)), compilation);
    }

    internal static IMethodSymbol Method(Compilation compilation, string name)
        => compilation.GetSymbolsWithName(name, SymbolFilter.Member).OfType<IMethodSymbol>().First();
}
