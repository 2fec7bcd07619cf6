using System.Collections.Immutable;
using IpcAnalyzers.Flow.Sessions;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IpcAnalyzers.Tests.Flow;

/// <summary>The per-compilation session: the call prefilter's "no" is only given where no call can reach the surface, and per-body results are computed once.</summary>
public sealed class FlowSessionTests
{
    private const string Source = """
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.Linq;
        using System.Runtime.InteropServices;
        using IpcSim;
        using static IpcSim.Libc;

        static class Native
        {
            [DllImport("libc", EntryPoint = "shmat")]
            public static extern nint MapSegment(int id, nint at, int flags);

            [DllImport("libc.so.6", EntryPoint = "shmdt")]
            public static extern int UnmapSegment(nint at);
        }

        sealed class Lock : IDisposable
        {
            private readonly int semid;
            public Lock(int semid) { this.semid = semid; _ = semop(semid, [new Sembuf(0, -1, SEM_UNDO)], 1); }
            void IDisposable.Dispose() => _ = semop(semid, [new Sembuf(0, 1, SEM_UNDO)], 1);
        }

        sealed class Bag : IEnumerable<int>
        {
            public void Add(int id) => _ = shmctl(id, IPC_RMID, null);
            public IEnumerator<int> GetEnumerator() => Enumerable.Empty<int>().GetEnumerator();
            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }

        static class Segments
        {
            public static IEnumerable<int> Select<T>(this Segments.Source<T> s, Func<T, int> f) { _ = shmget(1, 1, 0); return []; }
            public sealed class Source<T> { }
        }

        static class Helpers
        {
            static int Deep() => msgget(1, 0);
            static int Middle() => Deep();
            static int Outer() => Middle();
            static int Ping(int n) => n == 0 ? Outer() : Pong(n - 1);
            static int Pong(int n) => Ping(n);
            static int Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);
            static string Plain(int n) => string.Join(",", Enumerable.Range(0, n).Where(i => Fib(i) > 1));
            static int CallsOuter() => Outer();
            static int CallsPing() => Ping(3);
            static nint Renamed() => Native.MapSegment(1, 0, 0);
            static int RenamedImport() => Native.UnmapSegment(0);
            static void Dispose(object o) => ((IDisposable)o).Dispose();
            static void Creates() { using var l = new Lock(1); }
            static void TargetTyped() { Lock l = new(1); }
            static void Collection() { _ = new Bag { 1 }; }
            static void Query() { _ = from x in new Segments.Source<int>() select x; }
            static int Delegate(Func<int>[] fs) => fs[0]();
        }
        """;

    [Theory]
    [InlineData("Deep")]
    [InlineData("CallsOuter")]
    [InlineData("CallsPing")]
    [InlineData("Renamed")]
    [InlineData("RenamedImport")]
    [InlineData("Dispose")]
    [InlineData("Creates")]
    [InlineData("TargetTyped")]
    [InlineData("Collection")]
    [InlineData("Query")]
    public void Prefilter_SaysMaybe_WhereACallMayReachTheSurface(string method)
        => Assert.True(Prefilter(method));

    [Theory]
    [InlineData("Fib")]
    [InlineData("Plain")]
    [InlineData("Delegate")]
    public void Prefilter_SaysNo_WhereNoCallCan(string method)
        => Assert.False(Prefilter(method));

    [Fact]
    public void Prefilter_SaysMaybe_ForEveryCallOnACycleThatReachesTheSurface()
    {
        var (compilation, bodies) = Compile(Source);
        var prefilter = FlowSession.For(compilation).SurfaceCalls;
        // Ask the cycle's members first, in both orders, so that a provisional "no" could be cached if it were wrong.
        Assert.True(prefilter.MayCallSurface(bodies["Pong"], CancellationToken.None));
        Assert.True(prefilter.MayCallSurface(bodies["Ping"], CancellationToken.None));
        Assert.False(prefilter.MayCallSurface(bodies["Fib"], CancellationToken.None));
    }

    [Fact]
    public void Prefilter_SaysMaybe_ForARenamedLibraryImport()
    {
        // The generated implementation is not there (no source generator in tests): the prefilter reads declarations only.
        var compilation = TestCompilation.Create(["""
            using System.Runtime.InteropServices;
            static partial class Native
            {
                [LibraryImport("libc", EntryPoint = "shmdt")]
                public static partial int UnmapSegment(nint at);
                static int Detach() => UnmapSegment(0);
            }
            """]);
        var body = compilation.SyntaxTrees[0].GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Detach").ExpressionBody!;
        Assert.True(FlowSession.For(compilation).SurfaceCalls.MayCallSurface(body, CancellationToken.None));
    }

    [Fact]
    public void Prefilter_SaysNo_ForConstructorsWhenNoConstructorMatters()
    {
        var (compilation, bodies) = Compile("""
            using System.Collections.Generic;
            class C
            {
                private readonly List<int> items = new();
                public C(int n) { items.Add(n); }
                static C Make() => new(1);
            }
            """);
        Assert.False(FlowSession.For(compilation).SurfaceCalls.MayCallSurface(bodies["Make"], CancellationToken.None));
    }

    [Fact]
    public void Prefilter_SaysMaybe_ForAConstructorThatOnlyCallsItsBaseImplicitly_WhenSomeConstructorMatters()
    {
        var compilation = TestCompilation.Create([Source + """

            class Guarded : Bag
            {
                public Guarded() { }
            }
            """]);
        var constructor = compilation.SyntaxTrees[0].GetRoot().DescendantNodes().OfType<ConstructorDeclarationSyntax>().Single(c => c.Identifier.ValueText == "Guarded");
        Assert.True(FlowSession.For(compilation).SurfaceCalls.MayCallSurface(constructor, CancellationToken.None));
    }

    [Fact]
    public void Prefilter_SaysMaybe_ForAnyBodyOfATreeWithAUnicodeEscape()
    {
        var (compilation, bodies) = Compile("""
            using static IpcSim.Libc;
            class C
            {
                static int Escaped() => sh\u006dget(1, 1, 0);
            }
            """);
        Assert.True(FlowSession.For(compilation).SurfaceCalls.MayCallSurface(bodies["Escaped"], CancellationToken.None));
    }

    [Fact]
    public void Gate_IsClosed_WhenNoSourceWordCanReachTheSurface()
    {
        // IpcSim is referenced and methods are named like libc functions in another case (Read, Close): no call can be one.
        var compilation = TestCompilation.Create(["""
            using System.IO;
            sealed class Reader(Stream stream)
            {
                public int Read(byte[] buffer) => stream.Read(buffer, 0, buffer.Length);
                public void Close() => stream.Close();
            }
            """]);
        Assert.Null(FlowSession.For(compilation).Known);
    }

    [Theory]
    [InlineData("static int Make() => IpcSim.Libc.shmget(1, 1, 0);")]
    [InlineData("[System.Runtime.InteropServices.DllImport(\"libc\", EntryPoint = \"shm\" + \"get\")] static extern int Make(int key, nint size, int flags);")]
    [InlineData("static int Make() => IpcSim.Libc.sh\\u006dget(1, 1, 0);")]
    [InlineData("static void Install(IpcSim.SigAction action) => action.sa_handler = null;")]
    public void Gate_IsOpen_WhenSomeSourceMayUseTheSurface(string member)
    {
        var compilation = TestCompilation.Create(["static class Plain { static int Twice(int n) => 2 * n; }", "static class Ipc { " + member + " }"]);
        Assert.NotNull(FlowSession.For(compilation).Known);
    }

    [Fact]
    public void Prefilter_SaysNo_ForAMethodNamedLikeALibcFunctionInAnotherCase()
    {
        var (compilation, bodies) = Compile(Source + """

            static class Files
            {
                static int Read(System.IO.Stream s) => s.ReadByte();
                static int Use(System.IO.Stream s) => Read(s);
            }
            """);
        Assert.False(FlowSession.For(compilation).SurfaceCalls.MayCallSurface(bodies["Use"], CancellationToken.None));
    }

    [Fact]
    public void Session_IsOnePerCompilation()
    {
        var first = TestCompilation.Create([Source]);
        var second = TestCompilation.Create([Source]);
        Assert.Same(FlowSession.For(first), FlowSession.For(first));
        Assert.NotSame(FlowSession.For(first), FlowSession.For(second));
        Assert.Same(FlowSession.For(first).SurfaceCalls, FlowSession.For(first).SurfaceCalls);
    }

    [Fact]
    public async Task BodyCache_ComputesOnce_UnderConcurrentReaders()
    {
        var operation = FirstOperation(Source);
        var cache = new BodyCache<object>();
        var runs = 0;
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.GetOrCompute(operation, _ =>
        {
            Interlocked.Increment(ref runs);
            Thread.Sleep(20);
            return new object();
        }))));
        Assert.Equal(1, runs);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public void BodyCache_ACancelledComputation_LeavesNothingBehind()
    {
        var operation = FirstOperation(Source);
        var cache = new BodyCache<string>();
        Assert.Throws<OperationCanceledException>(() => cache.GetOrCompute(operation, _ => throw new OperationCanceledException()));
        Assert.Equal("done", cache.GetOrCompute(operation, _ => "done"));
        Assert.Equal("done", cache.GetOrCompute(operation, _ => "again"));
    }

    [Fact]
    public async Task AllRules_Together_ReportWhatEachReportsAlone()
    {
        // The rules that share an engine read one result per body: together they must report exactly what each reports alone.
        var source = """
            using System;
            using IpcSim;
            using static IpcSim.Libc;

            class Worker
            {
                static void Run(int shmid, int semid, bool early)
                {
                    nint p = shmat(shmid, 0, 0);
                    if (p == -1) return;
                    _ = semop(semid, [new Sembuf(0, -1, 0)], 1);
                    Mem.Write(p, 1);
                    if (early) return;
                    _ = semop(semid, [new Sembuf(0, 1, 0)], 1);
                    _ = shmdt(p);
                    Mem.Write(p, 2);
                }
            }
            """;
        ImmutableArray<DiagnosticAnalyzer> analyzers =
        [
            new IPC003DetachWhatYouAttachAnalyzer(), new IPC007NoAccessAfterShmdtAnalyzer(), new IPC005SynchroniseShmWritesAnalyzer(),
            new IPC008ReleaseWhatYouAcquireAnalyzer(), new IPC015UseSemUndoOnLockAnalyzer(), new IPC004RemoveWhatYouCreateAnalyzer(),
        ];
        var together = await TestCompilation.AnalyzeAsync(TestCompilation.Create([source]), analyzers);
        var alone = new List<Diagnostic>();
        foreach (var analyzer in analyzers) alone.AddRange(await TestCompilation.AnalyzeAsync(TestCompilation.Create([source]), [analyzer]));
        static string Describe(Diagnostic d) => $"{d.Id} {d.Location.GetLineSpan().StartLinePosition} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        Assert.DoesNotContain(together, d => d.Id == "AD0001");
        Assert.Contains(together, d => d.Id == "IPC003");
        Assert.Contains(together, d => d.Id == "IPC007");
        Assert.Contains(together, d => d.Id == "IPC008");
        Assert.Equal(alone.Select(Describe).Order(StringComparer.Ordinal), together.Select(Describe).Order(StringComparer.Ordinal));
    }

    private static bool Prefilter(string method)
    {
        var (compilation, bodies) = Compile(Source);
        return FlowSession.For(compilation).SurfaceCalls.MayCallSurface(bodies[method], CancellationToken.None);
    }

    private static (Compilation Compilation, Dictionary<string, SyntaxNode> Bodies) Compile(string source)
    {
        var compilation = TestCompilation.Create([source]);
        Verify.AssertCompiles(compilation);
        var bodies = compilation.SyntaxTrees[0].GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(m => m.Body is not null || m.ExpressionBody is not null)
            .GroupBy(m => m.Identifier.ValueText)
            .ToDictionary(g => g.Key, g => (SyntaxNode?)g.First().Body ?? g.First().ExpressionBody!);
        return (compilation, bodies);
    }

    private static IOperation FirstOperation(string source)
    {
        var compilation = TestCompilation.Create([source]);
        var tree = compilation.SyntaxTrees[0];
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.Body is not null || m.ExpressionBody is not null);
        return compilation.GetSemanticModel(tree).GetOperation(method)!;
    }
}
