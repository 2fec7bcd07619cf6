using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC003DetachWhatYouAttachTests
{
    [Fact]
    public async Task Diagnostic_MistakesFolder_ExactlyTheAnnotatedLines()
    {
        var (reported, annotated) = await IpcAnalyzers.Tests.Flow.MistakesSamples.RunAsync(new IPC003DetachWhatYouAttachAnalyzer(), "IPC003");
        Assert.Equal(annotated, reported);
        Assert.NotEmpty(annotated);
    }

    [Fact]
    public Task Diagnostic_MistakesSample_EarlyReturnAfterRead() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        internal static class IPC003
        {
            internal static int ReadFlag(int shmid)
            {
                nint addr = [|shmat(shmid, 0, SHM_RDONLY)|]; // IPC003
                if (addr == -1) return -1;
                if (Mem.Read<int>(addr) == 0) return 0;
                return shmdt(addr);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_NeverDetached() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint addr = [|shmat(shmid, 0, 0)|];
                if (addr == -1) return;
                Mem.Write<int>(addr, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_UncheckedAndNeverDetached() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint addr = [|shmat(shmid, 0, 0)|];
                return Mem.Read<int>(addr);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_DetachedOnOneBranchOnly() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, bool done)
            {
                nint addr = [|shmat(shmid, 0, 0)|];
                if (addr == -1) return;
                Mem.Write<int>(addr, 1);
                if (done)
                {
                    _ = shmdt(addr);
                }
            }
        }
        """);

    [Fact]
    public Task Diagnostic_AliasOverwrittenAndOriginalNeverDetached() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint addr = [|shmat(shmid, 0, 0)|];
                if (addr == -1) return;
                nint p = addr;
                addr = 0;
                Mem.Write<int>(p + 8, 1);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_FieldNoMethodDetaches() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        sealed class Segment
        {
            private readonly nint addr;

            public Segment(int shmid)
            {
                addr = [|shmat(shmid, 0, 0)|];
                if (addr == -1) throw new System.InvalidOperationException("shmat");
            }

            public int Read() => Mem.Read<int>(addr);
        }
        """);

    [Fact]
    public Task Diagnostic_HelperResultNotDetached() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static nint Attach(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) throw new System.InvalidOperationException(strerror(errno));
                return p;
            }

            static int M(int shmid)
            {
                nint p = [|Attach(shmid)|];
                return Mem.Read<int>(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_OutArgumentOfTryAttachNotDetached() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static bool TryAttach(int shmid, out nint addr)
            {
                addr = shmat(shmid, 0, 0);
                return addr != -1;
            }

            static int M(int shmid)
            {
                if (![|TryAttach(shmid, out var p)|]) return -1;
                return Mem.Read<int>(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InLambda() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid) => fork(() =>
            {
                nint p = [|shmat(shmid, 0, 0)|];
                if (p == -1) return 1;
                Mem.Write<int>(p, 1);
                return 0;
            });
        }
        """);

    [Fact]
    public Task Diagnostic_InLocalFunction() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                return Read();

                int Read()
                {
                    nint p = [|shmat(shmid, 0, SHM_RDONLY)|];
                    if (p == -1) return -1;
                    return Mem.Read<int>(p);
                }
            }
        }
        """);

    [Fact]
    public async Task Diagnostic_DocPage_NoncompliantReportedOnItsMarkedLine_CompliantSilent()
    {
        var (noncompliant, compliant) = IpcAnalyzers.Tests.Flow.RulePages.Blocks("IPC003");
        var marked = noncompliant.Split('\n').Select(l => l.TrimEnd()).ToList().FindIndex(l => l.EndsWith("// IPC003", StringComparison.Ordinal));
        Assert.True(marked >= 0);
        var reported = await Run(noncompliant);
        Assert.Equal([marked], reported);
        Assert.Empty(await Run(compliant));

        static async Task<int[]> Run(string source)
        {
            var compilation = TestCompilation.Create([source]);
            Verify.AssertCompiles(compilation);
            var diagnostics = await TestCompilation.AnalyzeAsync(compilation, [new IPC003DetachWhatYouAttachAnalyzer()]);
            return diagnostics.Where(d => d.Id == "IPC003").Select(d => d.Location.GetLineSpan().StartLinePosition.Line).ToArray();
        }
    }

    [Fact]
    public Task Diagnostic_TopLevelStatements() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        int shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
        if (shmid == -1) return 1;
        nint p = [|shmat(shmid, 0, 0)|];
        if (p == -1) return 1;
        Mem.Write<int>(p, 1);
        _ = shmctl(shmid, IPC_RMID, null);
        return 0;
        """);

    [Fact]
    public Task Diagnostic_FieldInitializerNoMethodDetaches() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        static class Shared
        {
            private static readonly nint Region = [|shmat(shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR), 0, 0)|];

            public static int Read() => Mem.Read<int>(Region);
        }
        """);
}
