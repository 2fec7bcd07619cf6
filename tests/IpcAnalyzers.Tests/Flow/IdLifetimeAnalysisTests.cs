using System.Collections.Immutable;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.IdLifetime;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IpcAnalyzers.Tests.Flow;

/// <summary>The id-lifetime engine on its own: summaries of helpers, and where IPC004 says a path leaks.</summary>
public sealed class IdLifetimeAnalysisTests
{
    private const string Helpers = """
        using System;
        using System.Collections.Generic;
        using static IpcSim.Libc;

        class H
        {
            private int kept;
            private readonly List<int> all = new();

            static void Remove(int id) => _ = msgctl(id, IPC_RMID, null);
            static void RemoveIfValid(int id) { if (id != -1) Remove(id); }
            void Keep(int id) => kept = id;
            void Collect(int id) => all.Add(id);
            static int Check(int r) => r == -1 ? throw new InvalidOperationException() : r;
            static int Create() => semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
            static int CreateChecked() => Check(shmget(IPC_PRIVATE, 64, IPC_CREAT | S_IRUSR | S_IWUSR));
            static int Open(int key) => msgget(key, 0);
            static void Print(int id) => Console.WriteLine(id);
        }
        """;

    [Fact]
    public void Summaries_SayWhatHelpersDoWithIds()
    {
        var compilation = TestCompilation.Create([Helpers]);
        Verify.AssertCompiles(compilation);
        var summaries = new IdSummaries(KnownSymbols.Create(compilation)!);
        var type = compilation.GetTypeByMetadataName("H")!;
        IdSummary Of(string name) => summaries.Get(type.GetMembers(name).OfType<IMethodSymbol>().Single(), true, CancellationToken.None);

        Assert.True(Of("Remove").Removes(0));
        Assert.True(Of("RemoveIfValid").Removes(0));
        Assert.Equal("kept", Assert.Single(Of("Keep").FieldsStoring(0)).Name);
        Assert.True(Of("Collect").HandsOver(0));
        Assert.True(Of("Check").Returns(0));
        Assert.False(Of("Check").Removes(0));
        Assert.Equal(IpcObjectKind.SemaphoreSet, Of("Create").CreatedKind);
        Assert.Equal(IpcObjectKind.SharedMemory, Of("CreateChecked").CreatedKind);
        Assert.Null(Of("Open").CreatedKind);
        Assert.True(Of("Print").IsEmpty);
    }

    [Fact]
    public async Task PathLeak_PointsAtTheLeakingReturn()
    {
        var diagnostic = await SingleDiagnostic("""
            using static IpcSim.Libc;

            class C
            {
                static int M()
                {
                    int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | S_IRUSR | S_IWUSR);
                    if (semid == -1) return -1;
                    if (semctl(semid, 0, SETVAL, 1) == -1) return -2;
                    return semctl(semid, 0, IPC_RMID);
                }
            }
            """);
        Assert.Equal("true", diagnostic.Properties[IPC004Properties.PathBased]);
        Assert.Equal("semctl", diagnostic.Properties[IPC004Properties.Remove]);
        var leak = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("return -2;", leak.SourceTree!.GetText().ToString(leak.SourceSpan));
    }

    [Fact]
    public async Task PathLeak_PointsAtTheThrow()
    {
        var diagnostic = await SingleDiagnostic("""
            using System;
            using static IpcSim.Libc;

            class C
            {
                static void M(bool bad)
                {
                    int id = shmget(IPC_PRIVATE, 64, IPC_CREAT | S_IRUSR | S_IWUSR);
                    if (id == -1) return;
                    if (bad) throw new ArgumentException(nameof(bad));
                    _ = shmctl(id, IPC_RMID, null);
                }
            }
            """);
        var leak = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("throw new ArgumentException(nameof(bad));", leak.SourceTree!.GetText().ToString(leak.SourceSpan));
    }

    [Fact]
    public async Task NeverRemoved_HasNoAdditionalLocation()
    {
        var diagnostic = await SingleDiagnostic("""
            using static IpcSim.Libc;

            class C
            {
                static void M() { int id = msgget(IPC_PRIVATE, IPC_CREAT | S_IRUSR | S_IWUSR); }
            }
            """);
        Assert.Equal("false", diagnostic.Properties[IPC004Properties.PathBased]);
        Assert.Equal("msgctl", diagnostic.Properties[IPC004Properties.Remove]);
        Assert.Empty(diagnostic.AdditionalLocations);
        Assert.Contains("message queue", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FieldNeverRemoved_PointsAtTheStore()
    {
        var diagnostic = await SingleDiagnostic("""
            using static IpcSim.Libc;

            class C
            {
                private int id;
                void Open() { id = shmget(IPC_PRIVATE, 64, IPC_CREAT | S_IRUSR | S_IWUSR); }
            }
            """);
        var store = Assert.Single(diagnostic.AdditionalLocations);
        Assert.StartsWith("id = shmget(", store.SourceTree!.GetText().ToString(store.SourceSpan), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoIpcSim_RegistersNothing()
    {
        var compilation = TestCompilation.Create(["class C { static int M() => 1; }"], withIpcSim: false);
        var diagnostics = await TestCompilation.AnalyzeAsync(compilation, [new IPC004RemoveWhatYouCreateAnalyzer()]);
        Assert.Empty(diagnostics);
    }

    private static async Task<Diagnostic> SingleDiagnostic(string source)
    {
        var compilation = TestCompilation.Create([source]);
        Verify.AssertCompiles(compilation);
        var diagnostics = await TestCompilation.AnalyzeAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new IPC004RemoveWhatYouCreateAnalyzer()));
        return Assert.Single(diagnostics);
    }
}
