using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC002ShmatFailsWithMinusOneTests
{
    [Theory]
    [InlineData("p == 0", "p == -1")]
    [InlineData("p != IntPtr.Zero", "p != -1")]
    [InlineData("nint.Zero == p", "-1 == p")]
    [InlineData("p is 0", "p is -1")]
    [InlineData("p == /* none */ 0", "p == /* none */ -1")]
    public Task CodeFix_ReplacesConstant(string before, string after) => Verify.CodeFix<IPC002ShmatFailsWithMinusOneAnalyzer, IPC002ShmatFailsWithMinusOneCodeFix>($$"""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if ([|{{before}}|]) return;
                _ = shmdt(p);
            }
        }
        """, $$"""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if ({{after}}) return;
                _ = shmdt(p);
            }
        }
        """);
}
