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

    internal static (AttachSummaries Summaries, Compilation Compilation) Create(string source)
    {
        var compilation = TestCompilation.Create([Usings + source]);
        Verify.AssertCompiles(compilation);
        var known = KnownSymbols.Create(compilation)!;
        return (new AttachSummaries(new MethodSummaries(known)), compilation);
    }

    internal static IMethodSymbol Method(Compilation compilation, string name)
        => compilation.GetSymbolsWithName(name, SymbolFilter.Member).OfType<IMethodSymbol>().Single();
}
