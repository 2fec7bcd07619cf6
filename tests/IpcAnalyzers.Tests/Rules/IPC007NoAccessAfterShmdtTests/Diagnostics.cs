using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Flow;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC007NoAccessAfterShmdtTests
{
    [Fact]
    public async Task Diagnostic_MistakesFolder_ExactlyTheAnnotatedLines()
    {
        var (reported, annotated) = await MistakesSamples.RunAsync(new IPC007NoAccessAfterShmdtAnalyzer(), "IPC007");
        Assert.Equal(annotated, reported);
        Assert.NotEmpty(annotated);
    }

    [Fact]
    public Task Diagnostic_MistakesSample_ReadAfterDetach() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        internal static class IPC007
        {
            internal static int ReadAfterDetach(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                if (shmdt(addr) == -1) return -1;
                return [|Mem.Read<int>(addr)|]; // IPC007
            }
        }
        """);

    [Theory]
    [InlineData("Mem.Write<int>(addr, 1)")]
    [InlineData("Mem.WriteString(addr, \"x\")")]
    [InlineData("Mem.WriteBytes(addr, new byte[4])")]
    [InlineData("Mem.ReadBytes(addr, new byte[4])")]
    [InlineData("Mem.ReadString(addr)")]
    public Task Diagnostic_EveryMemAccess(string access) => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return;
                _ = shmdt(addr);
                [|{{access}}|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_ThroughAliasAndOffset() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static long M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                nint header = addr;
                nint payload = header + 64;
                _ = shmdt(addr);
                return [|Mem.Read<long>(payload + 8)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_SecondShmdt() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return;
                if (shmdt(addr) == -1) perror("shmdt");
                _ = [|shmdt(addr)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_DetachHelperThenAccess() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Release(nint p)
            {
                if (shmdt(p) == -1) perror("shmdt");
            }

            static int M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                Release(addr);
                return [|Mem.Read<int>(addr)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_HelperReadsThroughDetachedAddress() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Peek(nint p) => Mem.Read<int>(p);

            static int M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                _ = shmdt(addr);
                return [|Peek(addr)|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_MemberAfterDisposeInSameMethod() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class Segment : IDisposable
        {
            private readonly nint addr;

            public Segment(int shmid) => addr = shmat(shmid, 0, 0);

            public void Dispose()
            {
                _ = shmdt(addr);
                Mem.Write<int>(addr, 0);
            }
        }
        """.Replace("Mem.Write<int>(addr, 0)", "[|Mem.Write<int>(addr, 0)|]"));

    [Fact]
    public Task Diagnostic_TupleDeconstructedAlias() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return;
                var (start, size) = (addr, 4096);
                _ = shmdt(start);
                [|Mem.Write<byte>(addr + size - 1, 0)|];
            }
        }
        """);

    [Fact]
    public async Task Diagnostic_DocPage_NoncompliantReportedOnItsMarkedLine_CompliantSilent()
    {
        var (noncompliant, compliant) = IpcAnalyzers.Tests.Flow.RulePages.Blocks("IPC007");
        var marked = noncompliant.Split('\n').Select(l => l.TrimEnd()).ToList().FindIndex(l => l.EndsWith("// IPC007", StringComparison.Ordinal));
        Assert.True(marked >= 0);
        var reported = await Run(noncompliant);
        Assert.Equal([marked], reported);
        Assert.Empty(await Run(compliant));

        static async Task<int[]> Run(string source)
        {
            var compilation = TestCompilation.Create([source]);
            Verify.AssertCompiles(compilation);
            var diagnostics = await TestCompilation.AnalyzeAsync(compilation, [new IPC007NoAccessAfterShmdtAnalyzer()]);
            return diagnostics.Where(d => d.Id == "IPC007").Select(d => d.Location.GetLineSpan().StartLinePosition.Line).ToArray();
        }
    }
}
