using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Flow;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC005SynchroniseShmWritesTests
{
    [Fact]
    public async Task Diagnostic_MistakesFolder_ExactlyTheAnnotatedLines()
    {
        var (reported, annotated) = await MistakesSamples.RunAsync(new IPC005SynchroniseShmWritesAnalyzer(), "IPC005");
        Assert.Equal(annotated, reported);
        Assert.NotEmpty(annotated);
    }

    [Fact]
    public Task Diagnostic_WriteWithNoSemaphore() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                [|Mem.Write<int>(p, 42)|];
                shmdt(p);
            }
        }
        """);

    [Fact]
    public async Task Diagnostic_MessageNamesTheAddress_AdditionalLocationIsTheShmat()
    {
        const string source = """
            using IpcSim;
            using static IpcSim.Libc;

            class C
            {
                static void M(int shmid)
                {
                    nint p = shmat(shmid, 0, 0);
                    if (p == -1) return;
                    Mem.WriteString(p + 8, "hello");
                    _ = shmdt(p);
                }
            }
            """;
        var compilation = TestCompilation.Create([source]);
        var diagnostics = await TestCompilation.AnalyzeAsync(compilation, [new IPC005SynchroniseShmWritesAnalyzer()]);
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "IPC005");
        Assert.Equal("Write through 'p + 8' is not inside a critical section: no semop P on a semaphore dominates it", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        var origin = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("shmat(shmid, 0, 0)", source[origin.SourceSpan.Start..origin.SourceSpan.End]);
    }

    [Fact]
    public Task Diagnostic_AliasOffsetAndWriteBytes() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, byte[] data)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                nint alias = p;
                nint slot = alias + 16;
                [|Mem.WriteBytes(slot, data)|];
                [|Mem.WriteString(alias, "x")|];
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_HelperWritesThroughParameter_ReportedAtTheCall() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Put(nint shm, int v) => Mem.Write(shm, v);

            static void Store(nint at, int v) => Put(at + 4, v);

            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                [|Put(p, 1)|];
                [|Store(p, 2)|];
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_WrapperFieldWrittenWithoutLock() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class Counter : IDisposable
        {
            private readonly nint region;

            public Counter(int shmid)
            {
                region = shmat(shmid, 0, 0);
                if (region == -1) throw new InvalidOperationException(strerror(errno));
            }

            public void Set(int value) => [|Mem.Write(region, value)|];

            public void Dispose() => _ = shmdt(region);
        }
        """);

    [Fact]
    public Task Diagnostic_HelperReturnsAttachedAddress() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static nint Attach(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) throw new InvalidOperationException(strerror(errno));
                return p;
            }

            static void M(int shmid)
            {
                nint p = Attach(shmid);
                [|Mem.Write(p, 7L)|];
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SemopWithoutP_OnlyWaitForZero() => Verify.Analyzer<IPC005SynchroniseShmWritesAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                if (semop(semid, new[] { new Sembuf(0, 0, 0) }, 1) == -1) return;
                [|Mem.Write(p, 1)|];
                _ = shmdt(p);
            }
        }
        """);

    [Theory]
    [InlineData("nint p = shmat(undefined, 0, 0); Mem.Write(p, 1);")]
    [InlineData("nint p = shmat(id, 0, 0); Mem.Write(p, ")]
    [InlineData("nint p = shmat(id, 0, 0); Mem.Write(p + , 1); Put(p);")]
    [InlineData("nint p = shmat(id, 0, 0); lock () { Mem.Write(p, 1); }")]
    [InlineData("nint p = shmat(id, 0, 0); fork(() => { [|Mem.Write(p, 1)|] }); semop(id, ")]
    [InlineData("nint p = shmat(id, 0, 0); Mem.WriteBytes(p, undefined); Mem.Write<>(p, 1);")]
    public Task Diagnostic_BrokenCode_NoException(string body) => Verify.BrokenCode<IPC005SynchroniseShmWritesAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int id)
            {
                {{body}}
            }
        }
        """);

    [Fact]
    public async Task Diagnostic_DocPage_NoncompliantReportedOnItsMarkedLine_CompliantSilent()
    {
        var (noncompliant, compliant) = RulePages.Blocks("IPC005");
        var marked = noncompliant.Split('\n').Select(l => l.TrimEnd()).ToList().FindIndex(l => l.EndsWith("// IPC005", StringComparison.Ordinal));
        Assert.True(marked >= 0);
        Assert.Equal([marked], await Run(noncompliant));
        Assert.Empty(await Run(compliant));

        static async Task<int[]> Run(string source)
        {
            var compilation = TestCompilation.Create([source]);
            Verify.AssertCompiles(compilation);
            var diagnostics = await TestCompilation.AnalyzeAsync(compilation, [new IPC005SynchroniseShmWritesAnalyzer()]);
            return diagnostics.Where(d => d.Id == "IPC005").Select(d => d.Location.GetLineSpan().StartLinePosition.Line).ToArray();
        }
    }
}
