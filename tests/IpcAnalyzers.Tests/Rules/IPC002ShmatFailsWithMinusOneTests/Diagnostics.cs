using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC002ShmatFailsWithMinusOneTests
{
    [Theory]
    [InlineData("p == 0")]
    [InlineData("p == IntPtr.Zero")]
    [InlineData("p == nint.Zero")]
    [InlineData("0 == p")]
    [InlineData("p == default")]
    [InlineData("p == (nint)0")]
    [InlineData("p == new IntPtr(0)")]
    public Task Diagnostic_ComparedWithZero(string test) => Verify.Analyzer<IPC002ShmatFailsWithMinusOneAnalyzer>($$"""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if ([|{{test}}|]) return;
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_NotEqualZero() => Verify.Analyzer<IPC002ShmatFailsWithMinusOneAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if ([|p != 0|]) _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_DirectCall() => Verify.Analyzer<IPC002ShmatFailsWithMinusOneAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static bool M(int shmid) => [|shmat(shmid, 0, SHM_RDONLY) == 0|];
        }
        """);

    [Fact]
    public Task Diagnostic_ComparedWithNull() => Verify.Analyzer<IPC002ShmatFailsWithMinusOneAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
        #pragma warning disable CS0472
                if ([|p == null|]) return;
        #pragma warning restore CS0472
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_IsZeroPattern() => Verify.Analyzer<IPC002ShmatFailsWithMinusOneAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if ([|p is 0|]) return;
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_InLoopAndLambda() => Verify.Analyzer<IPC002ShmatFailsWithMinusOneAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int[] ids)
            {
                foreach (var id in ids)
                {
                    var p = shmat(id, 0, 0);
                    if ([|p == IntPtr.Zero|]) continue;
                    _ = shmdt(p);
                }

                Func<int, bool> attachable = id => [|shmat(id, 0, 0) != 0|];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_AddressInField() => Verify.Analyzer<IPC002ShmatFailsWithMinusOneAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class Segment
        {
            private nint addr;

            public void Attach(int shmid)
            {
                addr = shmat(shmid, 0, 0);
                if ([|addr == IntPtr.Zero|]) throw new InvalidOperationException();
            }
        }
        """);

    [Fact]
    public Task Diagnostic_DllImportShmat() => Verify.Analyzer<IPC002ShmatFailsWithMinusOneAnalyzer>("""
        using System;
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", SetLastError = true)]
            private static extern IntPtr shmat(int shmid, IntPtr shmaddr, int shmflg);

            static bool Attached(int id) => [|shmat(id, IntPtr.Zero, 0) != IntPtr.Zero|];
        }
        """);

    [Theory]
    [InlineData("int shmid = shmget(1, 1, 0); if (shmid == 0) return;")]
    [InlineData("nint p = shmat(1, 0, 0); if (p == -1) return; if (p + 8 == 0) return;")]
    [InlineData("int pid = fork(() => 0); if (pid == 0) return;")]
    public Task Valid_OtherZeroComparisons(string body) => Verify.Analyzer<IPC002ShmatFailsWithMinusOneAnalyzer>($$"""
        using static IpcSim.Libc;

        class C
        {
            static void M()
            {
                {{body}}
            }
        }
        """);
}
