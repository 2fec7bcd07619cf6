using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC002ShmatFailsWithMinusOneTests
{
    [Theory]
    [InlineData("p == -1")]
    [InlineData("p == (nint)(-1)")]
    [InlineData("p == new IntPtr(-1)")]
    [InlineData("p is -1")]
    [InlineData("p < 0")]
    [InlineData("p.ToInt64() == -1")]
    public Task Valid_ComparedWithMinusOne(string test) => Verify.Analyzer<IPC002ShmatFailsWithMinusOneAnalyzer>($$"""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if ({{test}}) return;
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_AddressParameterComparedWithZero() => Verify.Analyzer<IPC002ShmatFailsWithMinusOneAnalyzer>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(nint p)
            {
                if (p == IntPtr.Zero) return;
                _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_ShmaddrArgumentZero() => Verify.Analyzer<IPC002ShmatFailsWithMinusOneAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static nint M(int shmid) => shmat(shmid, 0, 0);
        }
        """);

    [Fact]
    public Task Valid_ReassignedFromElsewhere() => Verify.Analyzer<IPC002ShmatFailsWithMinusOneAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static nint Other() => 0;

            static void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                _ = shmdt(p);
                p = Other();
                if (p == 0) return;
            }
        }
        """);

    [Theory]
    [InlineData("nint p = shmat(shmid, 0, 0) if ([|p == 0|]) return;")]
    [InlineData("if (shmat(shmid, 0, ) == 0) return;")]
    [InlineData("if (shmat(shmid, 0, 0) == ) return;")]
    [InlineData("if (undefined(shmid) == 0) return;")]
    public Task Valid_BrokenCode_NoException(string body) => Verify.BrokenCode<IPC002ShmatFailsWithMinusOneAnalyzer>($$"""
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                {{body}}
            }
        }
        """);
}
