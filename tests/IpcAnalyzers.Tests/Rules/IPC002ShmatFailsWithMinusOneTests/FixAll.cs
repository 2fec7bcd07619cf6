using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC002ShmatFailsWithMinusOneTests
{
    private const string TwoAttaches = """
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int a, int b)
            {
                nint p = shmat(a, 0, 0);
                nint q = shmat(b, 0, SHM_RDONLY);
                if ([|p == IntPtr.Zero|] || [|q == 0|]) return;
                _ = shmdt(p);
                _ = shmdt(q);
            }
        }
        """;

    private const string TwoAttachesFixed = """
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int a, int b)
            {
                nint p = shmat(a, 0, 0);
                nint q = shmat(b, 0, SHM_RDONLY);
                if (p == -1 || q == -1) return;
                _ = shmdt(p);
                _ = shmdt(q);
            }
        }
        """;

    [Fact]
    public Task FixAll_Document() => Verify.FixAll<IPC002ShmatFailsWithMinusOneAnalyzer, IPC002ShmatFailsWithMinusOneCodeFix>(TwoAttaches, TwoAttachesFixed);

    [Theory]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task FixAll_ProjectAndSolution(FixAllScope scope) => Verify.FixAll<IPC002ShmatFailsWithMinusOneAnalyzer, IPC002ShmatFailsWithMinusOneCodeFix>(
        [TwoAttaches, TwoAttaches.Replace("class C", "class D")],
        [TwoAttachesFixed, TwoAttachesFixed.Replace("class C", "class D")],
        scope);
}
