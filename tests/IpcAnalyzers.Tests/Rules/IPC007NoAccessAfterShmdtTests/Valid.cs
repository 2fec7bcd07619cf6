using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC007NoAccessAfterShmdtTests
{
    [Fact]
    public Task Valid_AccessBeforeDetach() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                Mem.Write<int>(addr, 1);
                int v = Mem.Read<int>(addr + 4);
                if (shmdt(addr) == -1) perror("shmdt");
                return v;
            }
        }
        """);

    [Fact]
    public Task Valid_ReattachAfterDetach() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                _ = shmdt(addr);
                addr = shmat(shmid, 0, SHM_RDONLY);
                if (addr == -1) return -1;
                int v = Mem.Read<int>(addr);
                _ = shmdt(addr);
                return v;
            }
        }
        """);

    [Fact]
    public Task Valid_AttachDetachEachIteration() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                for (int i = 0; i < 3; i++)
                {
                    nint addr = shmat(shmid, 0, 0);
                    if (addr == -1) continue;
                    Mem.Write<int>(addr, i);
                    _ = shmdt(addr);
                }
            }
        }
        """);

    [Fact]
    public Task Valid_DetachOnFailurePathOnly() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                if (Mem.Read<int>(addr) < 0)
                {
                    _ = shmdt(addr);
                    return -1;
                }

                Mem.Write<int>(addr, 0);
                return shmdt(addr);
            }
        }
        """);

    [Fact]
    public Task Valid_OtherAttachmentDetached() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int a, int b)
            {
                nint src = shmat(a, 0, SHM_RDONLY);
                if (src == -1) return;
                nint dst = shmat(b, 0, 0);
                if (dst == -1) { _ = shmdt(src); return; }
                int v = Mem.Read<int>(src);
                _ = shmdt(src);
                Mem.Write<int>(dst, v);
                _ = shmdt(dst);
            }
        }
        """);

    [Fact]
    public Task Valid_WrapperClassReadsAndDisposes() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class Segment : IDisposable
        {
            private nint addr;

            public Segment(int shmid) => addr = shmat(shmid, 0, 0);

            public int Read() => Mem.Read<int>(addr);

            public void Dispose()
            {
                if (addr == -1) return;
                _ = shmdt(addr);
                addr = -1;
            }
        }
        """);

    [Fact]
    public Task Valid_UnrelatedValueComputedFromAddressBeforeDetach() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                int v = Mem.Read<int>(addr);
                nint copy = Mem.Read<nint>(addr + 8);
                _ = shmdt(addr);
                System.Console.WriteLine(addr);
                return v + (int)copy;
            }
        }
        """);

    [Fact]
    public Task Valid_NoIpcSimSurface() => Verify.Analyzer<IPC007NoAccessAfterShmdtAnalyzer>("""
        class C
        {
            static int M() => 1;
        }
        """);

    [Theory]
    [InlineData("nint p = shmat(shmid, 0, ; Mem.Write<int>(p, 1);")]
    [InlineData("nint p = shmat(shmid, 0, 0); if (p == ) return; _ = shmdt(p); [|Mem.Read<int>(p)|]")]
    [InlineData("var p = shmat(); shmdt(p, 1); Mem.Write(p);")]
    [InlineData("nint p = shmat(shmid, 0, 0); Unknown(p); p.Foo = 3; _ = shmdt(q);")]
    [InlineData("nint p = shmat(shmid, 0, 0); try { Mem.Write<int>(p, 1); } finally { shmdt(p) }")]
    [InlineData("Func<nint> f = () => shmat(shmid, 0, 0); local(); void local() => shmdt(f(;")]
    public Task Valid_BrokenCode_DoesNotThrow(string body) => Verify.BrokenCode<IPC007NoAccessAfterShmdtAnalyzer>($$"""
        using System;
        using IpcSim;
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
