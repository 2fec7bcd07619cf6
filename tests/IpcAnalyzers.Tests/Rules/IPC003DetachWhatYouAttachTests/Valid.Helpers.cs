using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC003DetachWhatYouAttachTests
{
    [Fact]
    public Task Valid_DetachHelper() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void Detach(nint addr)
            {
                if (shmdt(addr) == -1) perror("shmdt");
            }

            static void DetachAll(nint a, nint b)
            {
                Detach(a);
                Detach(b);
            }

            static void M(int shmid)
            {
                nint a = shmat(shmid, 0, 0);
                if (a == -1) return;
                nint b = shmat(shmid, 0, SHM_RDONLY);
                if (b == -1) { Detach(a); return; }
                Mem.Write<int>(a, Mem.Read<int>(b) + 1);
                DetachAll(a, b);
            }
        }
        """);

    [Fact]
    public Task Valid_AttachHelperThenDetach() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static nint AttachOrDie(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) { perror("shmat"); exit(1); }
                return p;
            }

            static int M(int shmid)
            {
                nint p = AttachOrDie(shmid);
                int value = Mem.Read<int>(p);
                _ = shmdt(p);
                return value;
            }
        }
        """);

    [Fact]
    public Task Valid_TryAttachOutArgument() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

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

            static int M(int shmid)
            {
                if (!TryAttach(shmid, out var p)) return -1;
                int value = Mem.Read<int>(p);
                _ = shmdt(p);
                return value;
            }
        }
        """);

    [Fact]
    public Task Valid_PredicateAndGuardHelpers() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static bool Failed(nint p) => p == -1;

            static int M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (Failed(p)) return -1;
                int value = Mem.Read<int>(p);
                _ = shmdt(p);
                return value;
            }
        }
        """);

    [Fact]
    public Task Valid_HelperThatKeepsTheAddress() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using System.Collections.Generic;
        using static IpcSim.Libc;

        class Registry
        {
            private readonly List<nint> live = new();

            public void Add(nint p) => live.Add(p);

            public void DetachAll()
            {
                foreach (var p in live) _ = shmdt(p);
                live.Clear();
            }
        }

        class C
        {
            static void M(int shmid, Registry registry)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                registry.Add(p);
            }
        }
        """);

    [Fact]
    public Task Valid_LocalFunctionDetachesCapturedAddress() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                if (Mem.Read<int>(p) == 0)
                {
                    Cleanup();
                    return 0;
                }

                Mem.Write<int>(p, 0);
                Cleanup();
                return 1;

                void Cleanup()
                {
                    if (shmdt(p) == -1) perror("shmdt");
                }
            }
        }
        """);

    [Fact]
    public Task Valid_WrapperTakesOwnershipThroughConstructor() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class Mapping : IDisposable
        {
            private readonly nint address;

            public Mapping(nint address) => this.address = address;

            public void Dispose() => _ = shmdt(address);
        }

        static class User
        {
            static Mapping Open(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) throw new InvalidOperationException("shmat");
                return new Mapping(p);
            }
        }
        """);
}
