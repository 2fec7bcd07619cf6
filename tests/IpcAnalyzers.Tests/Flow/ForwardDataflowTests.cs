using IpcAnalyzers.Flow.Cfg;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Tests.Flow;

/// <summary>
/// The generic engine on a toy lattice: the set of method names called on some path (may-analysis, join = union).
/// Each test states where control goes: loops, branches, catch and finally edges.
/// </summary>
public sealed class ForwardDataflowTests
{
    [Fact]
    public void Branches_JoinAtMerge()
    {
        var result = Run("""
            if (c) A(); else B();
            Mark();
            """);
        Assert.Equal(["A", "B"], result.Before("Mark"));
    }

    [Fact]
    public void Loop_ReachesFixpoint()
    {
        var result = Run("""
            while (c)
            {
                Mark();
                A();
            }
            """);
        Assert.Equal(["A"], result.Before("Mark"));
    }

    [Fact]
    public void Catch_SeesStatesFromInsideTheTry()
    {
        var result = Run("""
            try
            {
                A();
                B();
            }
            catch (System.Exception)
            {
                Mark();
            }
            """);
        Assert.Equal(["A", "B"], result.Before("Mark"));
    }

    [Fact]
    public void Finally_RunsInlineOnNormalExit()
    {
        var result = Run("""
            try
            {
                A();
            }
            finally
            {
                B();
            }
            Mark();
            """);
        Assert.Equal(["A", "B"], result.Before("Mark"));
    }

    [Fact]
    public void Finally_OnReturnPath_DoesNotLeakIntoFallThrough()
    {
        var result = Run("""
            if (c)
            {
                try
                {
                    A();
                    return;
                }
                finally
                {
                    B();
                }
            }
            Mark();
            """);
        Assert.Empty(result.Before("Mark"));
    }

    [Fact]
    public void ThrowingPath_DoesNotReachCodeAfterIt()
    {
        var result = Run("""
            if (c)
            {
                A();
                throw new System.Exception();
            }
            Mark();
            """);
        Assert.Empty(result.Before("Mark"));
    }

    [Fact]
    public void SwitchArms_AllReachAfterSwitch()
    {
        var result = Run("""
            switch (n)
            {
                case 0: A(); break;
                case 1: B(); break;
                default: break;
            }
            Mark();
            """);
        Assert.Equal(["A", "B"], result.Before("Mark"));
    }

    private static Calls Run(string body)
    {
        var source = $$"""
            class C
            {
                static void A() { }
                static void B() { }
                static void Mark() { }
                static void M(bool c, int n)
                {
                    {{body}}
                }
            }
            """;
        var compilation = TestCompilation.Create([source]);
        Verify.AssertCompiles(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "M");
        var graph = ControlFlowGraph.Create(method, compilation.GetSemanticModel(tree))!;
        var analysis = new CallsAnalysis();
        var result = analysis.Run(graph, CallSet.Empty, CancellationToken.None);
        Assert.True(result.Converged);
        return new Calls(analysis, result);
    }

    private sealed class Calls(CallsAnalysis analysis, DataflowResult<CallSet> result)
    {
        internal string[] Before(string method)
        {
            var seen = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var block in result.ReachedBlocks())
            {
                var state = result.Input(block);
                foreach (var operation in block.Operations)
                {
                    if (Invoked(operation) == method) seen.UnionWith(state.Names);
                    state = analysis.Apply(operation, state);
                }
            }

            return seen.ToArray();
        }
    }

    private static string? Invoked(IOperation operation)
        => (operation is IExpressionStatementOperation s ? s.Operation : operation) is IInvocationOperation i ? i.TargetMethod.Name : null;

    private sealed record CallSet(bool Unreachable, System.Collections.Immutable.ImmutableSortedSet<string> Names)
    {
        internal static readonly CallSet Empty = new(false, System.Collections.Immutable.ImmutableSortedSet<string>.Empty);
        internal static readonly CallSet Bottom = new(true, System.Collections.Immutable.ImmutableSortedSet<string>.Empty);
    }

    private sealed class CallsAnalysis : ForwardDataflow<CallSet>
    {
        protected override CallSet Bottom => CallSet.Bottom;

        internal CallSet Apply(IOperation operation, CallSet state)
            => Invoked(operation) is { } name && name != "Mark" ? state with { Names = state.Names.Add(name) } : state;

        protected override CallSet Join(CallSet left, CallSet right)
            => left.Unreachable ? right : right.Unreachable ? left : new CallSet(false, left.Names.Union(right.Names));

        protected override bool AreEqual(CallSet left, CallSet right) => left.Unreachable == right.Unreachable && left.Names.SetEquals(right.Names);

        protected override BlockOutput<CallSet> Transfer(BasicBlock block, CallSet input)
        {
            var state = input;
            foreach (var operation in block.Operations) state = Apply(operation, state);
            return new BlockOutput<CallSet>(state, state);
        }
    }
}
