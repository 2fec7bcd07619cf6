using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.SemHold;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Xunit.Sdk;

namespace IpcAnalyzers.Tests.Flow;

/// <summary>
/// The semaphore-hold engine on its own: at each call of a method named Probe, is some semaphore held on every path
/// (the question IPC005 asks), and which P's may hold it. The graph is printed when an assertion fails.
/// </summary>
public sealed class SemHoldAnalysisTests
{
    [Fact]
    public void HeldAfterPAndFreeAfterV() => AssertProbes("""
        static void M(int semid)
        {
            Probe(0);
            semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1);
            Probe(1);
            semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
            Probe(0);
        }
        """);

    [Fact]
    public void FailedPDoesNotHoldInTheEintrLoop() => AssertProbes("""
        static int M(int semid)
        {
            var p = new[] { new Sembuf(0, -1, 0) };
            while (semop(semid, p, 1) == -1)
            {
                Probe(0);
                if (errno != EINTR) return -1;
            }

            Probe(1);
            return 0;
        }
        """);

    [Fact]
    public void ResultInLocalTestedLater() => AssertProbes("""
        static int M(int semid)
        {
            int r = semop(semid, new[] { new Sembuf(0, -1, 0) }, 1);
            if (r < 0)
            {
                Probe(0);
                return -1;
            }

            Probe(1);
            return 0;
        }
        """);

    [Fact]
    public void HeldOnOneBranchIsNotHeldOnEveryPath() => AssertProbes("""
        static void M(int semid, bool take)
        {
            if (take) semop(semid, new[] { new Sembuf(0, -1, 0) }, 1);
            Probe(0);
        }
        """);

    [Fact]
    public void VOfAnotherSemaphoreKeepsTheLock() => AssertProbes("""
        static void M(int semid)
        {
            semop(semid, new[] { new Sembuf(0, -1, 0) }, 1);
            semop(semid, new[] { new Sembuf(1, 1, 0) }, 1);
            Probe(1);
            semop(semid, new[] { new Sembuf(0, 1, 0) }, 1);
            Probe(0);
        }
        """);

    [Fact]
    public void WaitForZeroIsNeitherPNorV() => AssertProbes("""
        static void M(int semid)
        {
            semop(semid, new[] { new Sembuf(0, 0, 0) }, 1);
            Probe(0);
        }
        """);

    [Fact]
    public void OnlyTheFirstNsopsElementsCount() => AssertProbes("""
        static void M(int semid)
        {
            var ops = new[] { new Sembuf(0, 1, 0), new Sembuf(0, -1, 0) };
            semop(semid, ops, 1);
            Probe(0);
        }
        """);

    [Fact]
    public void ElementByElementArrayFollowsTheWrites() => AssertProbes("""
        static void M(int semid)
        {
            var ops = new Sembuf[1];
            ops[0].sem_op = -1;
            semop(semid, ops, 1);
            Probe(1);
            ops[0].sem_op = 1;
            semop(semid, ops, 1);
            Probe(0);
        }
        """);

    [Fact]
    public void FieldArrayInitialisedInConstructor() => AssertProbes("""
        static Sembuf[] down;
        static Sembuf[] up = [new Sembuf(0, 1, SEM_UNDO)];

        static C() => down = new[] { new Sembuf(0, -1, SEM_UNDO) };

        static void M(int semid)
        {
            semop(semid, down, 1);
            Probe(1);
            semop(semid, up, 1);
            Probe(0);
        }
        """);

    [Fact]
    public void FieldArrayWrittenTwiceIsNotRead() => AssertProbes("""
        static Sembuf[] ops = [new Sembuf(0, -1, 0)];

        static void Flip() => ops = [new Sembuf(0, 1, 0)];

        static void M(int semid)
        {
            semop(semid, ops, 1);
            Probe(0);
        }
        """);

    [Fact]
    public void LockHelperAcquiresForTheCaller() => AssertProbes("""
        static int Lock(int id)
        {
            while (semop(id, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1) == -1)
            {
                if (errno != EINTR) return -1;
            }

            return 0;
        }

        static void Unlock(int id) => semop(id, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);

        static void M(int semid)
        {
            if (Lock(semid) == -1)
            {
                Probe(0);
                return;
            }

            Probe(1);
            Unlock(semid);
            Probe(0);
        }
        """);

    [Fact]
    public void HelperSemaphoreNumberComesFromTheArgument() => AssertProbes("""
        static void Down(int id, int n) => semop(id, new[] { new Sembuf(n, -1, 0) }, 1);

        static void Up(int id, int n) => semop(id, new[] { new Sembuf(n, 1, 0) }, 1);

        static void M(int semid)
        {
            Down(semid, 2);
            Up(semid, 1);
            Probe(1);
            Up(semid, 2);
            Probe(0);
        }
        """);

    [Fact]
    public void HelperOnAnotherSemidDoesNotRelease() => AssertProbes("""
        static void Up(int id) => semop(id, new[] { new Sembuf(0, 1, 0) }, 1);

        static void M(int semid, int other)
        {
            semop(semid, new[] { new Sembuf(0, -1, 0) }, 1);
            Up(other);
            Probe(1);
        }
        """);

    [Fact]
    public void DisposableGuardHoldsInsideUsingAndReleasesAfter() => AssertProbes("""
        sealed class Guard : System.IDisposable
        {
            private readonly int semid;

            public Guard(int semid)
            {
                this.semid = semid;
                semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1);
            }

            public void Dispose() => semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
        }

        static void M(int semid)
        {
            using (new Guard(semid))
            {
                Probe(1);
            }

            Probe(0);
        }
        """);

    [Fact]
    public void FinallyReleasesOnTheWayOut() => AssertProbes("""
        static void M(int semid, System.Action work)
        {
            semop(semid, new[] { new Sembuf(0, -1, 0) }, 1);
            try
            {
                Probe(1);
                work();
            }
            finally
            {
                semop(semid, new[] { new Sembuf(0, 1, 0) }, 1);
            }

            Probe(0);
        }
        """);

    [Fact]
    public void ExitsAreReportedWithTheirState()
    {
        var facts = Facts("""
            static int M(int semid, System.Action work)
            {
                var p = new[] { new Sembuf(0, -1, 0) };
                if (semop(semid, p, 1) == -1) return -1;
                work();
                return semop(semid, new[] { new Sembuf(0, 1, 0) }, 1);
            }
            """);
        var acquisition = Assert.Single(facts.Acquisitions);
        Assert.Equal("semid[0]", acquisition.Key.ToString());
        Assert.True(facts.IsReleasedHere(acquisition));
        var leak = facts.LeakOf(acquisition);
        Assert.NotNull(leak);
        Assert.Equal(HoldExitKind.MayThrow, leak.Value.Kind);
        Assert.Equal("work()", leak.Value.Where.ToString());
    }

    [Fact]
    public void UnreadableSembufsMarkTheSemidOpaque()
    {
        var facts = Facts("""
            static void M(int semid, Sembuf[] ops)
            {
                semop(semid, new[] { new Sembuf(0, -1, 0) }, 1);
                semop(semid, ops, 1);
            }
            """);
        var acquisition = Assert.Single(facts.Acquisitions);
        Assert.True(facts.IsOpaque(acquisition.Key));
        Assert.False(facts.IsReleasedHere(acquisition));
    }

    private const string Prelude = """
        using IpcSim;
        using static IpcSim.Libc;

        partial class C
        {
            /// <summary>The test asserts: 1 = some semaphore is held on every path here, 0 = none is.</summary>
            static void Probe(int expected) { }

        """;

    /// <summary>Each Probe(n) call in M must see IsAnyHeldOnEveryPath == (n == 1).</summary>
    private static void AssertProbes(string members)
    {
        var (graph, summaries) = Build(members);
        var probes = new ProbeObserver();
        SemHoldAnalysis.AnalyzeBody(summaries, graph, g => g == graph ? probes : null, CancellationToken.None);
        Assert.True(probes.Seen.Count > 0, "No Probe call was reached.\n" + SemHoldCfgText.Render(graph));
        foreach (var (probe, expected, actual) in probes.Seen)
        {
            if (expected != actual)
            {
                throw new XunitException($"{probe.Syntax} on line {probe.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: held on every path is {actual}.\n" + SemHoldCfgText.Render(graph));
            }
        }
    }

    private static LockFacts Facts(string members)
    {
        var (graph, summaries) = Build(members);
        return LockFacts.Analyze(summaries, graph, CancellationToken.None)[0];
    }

    private static (ControlFlowGraph Graph, SemHoldSummaries Summaries) Build(string members)
    {
        var source = Prelude + members + "\n}\n";
        var compilation = TestCompilation.Create([source]);
        Verify.AssertCompiles(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "M");
        var known = KnownSymbols.Create(compilation) ?? throw new XunitException("IpcSim not found");
        return (ControlFlowGraph.Create(method, model)!, new SemHoldSummaries(known));
    }

    private sealed class ProbeObserver : HoldObserver
    {
        internal List<(IOperation Probe, bool Expected, bool Actual)> Seen { get; } = [];

        internal override void OnOperation(IOperation operation, HoldState before)
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Probe" } probe && probe.Arguments[0].Value.ConstantValue.Value is int expected)
            {
                Seen.Add((probe, expected == 1, before.IsAnyHeldOnEveryPath));
            }
        }
    }
}
