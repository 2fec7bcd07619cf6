using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC003DetachWhatYouAttachTests
{
    [Fact]
    public Task Valid_ApiExample() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int key)
            {
                int shmid = shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (shmid == -1) { perror("shmget"); return 1; }
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) { perror("shmat"); return 1; }
                Mem.Write<int>(addr, 42);
                if (shmdt(addr) == -1) perror("shmdt");
                if (shmctl(shmid, IPC_RMID, null) == -1) perror("shmctl");
                return 0;
            }
        }
        """);

    [Theory]
    [InlineData("addr == -1")]
    [InlineData("addr == (nint)(-1)")]
    [InlineData("addr == new System.IntPtr(-1)")]
    [InlineData("-1 == addr")]
    [InlineData("addr is -1")]
    [InlineData("addr < 0")]
    [InlineData("(long)addr == -1L")]
    [InlineData("addr.ToInt64() == -1")]
    public Task Valid_FailureTestStyles(string failed) => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>($$"""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if ({{failed}}) return -1;
                int value = Mem.Read<int>(addr);
                _ = shmdt(addr);
                return value;
            }
        }
        """);

    [Fact]
    public Task Valid_SuccessBlockWithIsNot() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                if (shmat(shmid, 0, 0) is var addr and not -1)
                {
                    Mem.Write<int>(addr, 1);
                    _ = shmdt(addr);
                }
            }
        }
        """);

    [Fact]
    public Task Valid_ZeroTestIsIpc002sBusiness() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == 0)
                {
                    perror("shmat");
                    return -1;
                }

                return shmdt(addr);
            }
        }
        """);

    [Fact]
    public Task Valid_TryFinally() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid, bool skip)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return -1;
                try
                {
                    if (skip) return 0;
                    Process(addr);
                    return Mem.Read<int>(addr);
                }
                finally
                {
                    if (shmdt(addr) == -1) perror("shmdt");
                }
            }

            static void Process(nint p) => System.Console.WriteLine(p);
        }
        """);

    [Fact]
    public Task Valid_ExitOnFailureAndThrowOnFailure() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, int other)
            {
                nint a = shmat(shmid, 0, 0);
                if (a == -1) { perror("shmat"); exit(1); }
                nint b = shmat(other, 0, 0);
                if (b == -1)
                {
                    _ = shmdt(a);
                    throw new System.InvalidOperationException(strerror(errno));
                }

                Mem.Write<int>(a, Mem.Read<int>(b));
                _ = shmdt(b);
                _ = shmdt(a);
            }
        }
        """);

    [Fact]
    public Task Valid_Returned() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static nint Attach(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) perror("shmat");
                return addr;
            }

            static (nint Address, int Size) AttachWithSize(int shmid) => (shmat(shmid, 0, 0), 4096);
        }
        """);

    [Fact]
    public Task Valid_DetachedThroughAliasOffsetAndConversions() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                IntPtr raw = shmat(shmid, 0, 0);
                if (raw == (IntPtr)(-1)) return;
                nint addr = (nint)raw;
                nint header = addr + 16;
                Mem.Write<long>(header, 7);
                var (start, length) = (addr, 4096);
                Mem.Write<int>(start + length - 4, 1);
                _ = shmdt((nint)(long)start);
            }
        }
        """);

    [Fact]
    public Task Valid_KeptByCollectionOrUnknownMethod() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using System.Collections.Generic;
        using static IpcSim.Libc;

        class C
        {
            static readonly List<nint> Attached = new();

            static void Keep(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return;
                Attached.Add(addr);
            }

            static void Share(int shmid, Dictionary<int, nint> table)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1) return;
                table[shmid] = addr;
            }
        }
        """);

    [Fact]
    public Task Valid_DisposableWrapperAndUsingDeclaration() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        sealed class Segment : IDisposable
        {
            private nint addr;

            public Segment(int shmid)
            {
                addr = shmat(shmid, 0, 0);
                if (addr == -1) throw new InvalidOperationException(strerror(errno));
            }

            public int Read() => Mem.Read<int>(addr);

            public void Dispose()
            {
                if (addr == -1) return;
                if (shmdt(addr) == -1) perror("shmdt");
                addr = -1;
            }
        }

        static class User
        {
            static int M(int shmid)
            {
                using var segment = new Segment(shmid);
                return segment.Read();
            }
        }
        """);

    [Fact]
    public Task Valid_StaticFieldDetachedInCloseThroughHelper() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using static IpcSim.Libc;

        static class Shared
        {
            private static nint region = -1;

            public static bool Open(int shmid)
            {
                region = shmat(shmid, 0, 0);
                return region != -1;
            }

            public static void Close()
            {
                var p = region;
                region = -1;
                Release(p);
            }

            private static void Release(nint p)
            {
                if (p != -1 && shmdt(p) == -1) perror("shmdt");
            }
        }
        """);

    [Fact]
    public Task Valid_AttachDetachInLoop() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int Sum(int[] ids)
            {
                int sum = 0;
                foreach (var id in ids)
                {
                    nint p = shmat(id, 0, SHM_RDONLY);
                    if (p == -1) continue;
                    sum += Mem.Read<int>(p);
                    if (shmdt(p) == -1) break;
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task Valid_CallsBetweenOutsideTryAreNotExceptionPaths() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid, int semid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                Log("attached");
                _ = semop(semid, new[] { new Sembuf(0, -1, SEM_UNDO) }, 1);
                Mem.Write<int>(p, int.Parse("42", System.Globalization.CultureInfo.InvariantCulture));
                _ = semop(semid, new[] { new Sembuf(0, 1, SEM_UNDO) }, 1);
                _ = shmdt(p);
            }

            static void Log(string s) => System.Console.WriteLine(s);
        }
        """);

    [Fact]
    public Task Valid_SwitchArmsAllDetach() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid, int mode)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                switch (mode)
                {
                    case 0:
                        Mem.Write<int>(p, 0);
                        return shmdt(p);
                    case 1:
                        Mem.WriteString(p, "one");
                        break;
                    default:
                        break;
                }

                return shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_CapturedByStoredLambdaEscapes() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            private Action? cleanup;

            void M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return;
                Mem.Write<int>(p, 1);
                cleanup = () => _ = shmdt(p);
            }
        }
        """);

    [Fact]
    public Task Valid_CatchDetachesAndRethrows() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using System;
        using IpcSim;
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                nint p = shmat(shmid, 0, 0);
                if (p == -1) return -1;
                try
                {
                    Use(p);
                }
                catch (Exception)
                {
                    _ = shmdt(p);
                    throw;
                }

                return shmdt(p);
            }

            static void Use(nint p) => Mem.Write<int>(p, 1);
        }
        """);

    [Fact]
    public Task Valid_StaticFieldInitializerOwnedByTheType() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        using static IpcSim.Libc;

        static class Shared
        {
            private static nint region = shmat(shmget(IPC_PRIVATE, 4096, IPC_CREAT | S_IRUSR | S_IWUSR), 0, 0);

            public static void Close() => _ = shmdt(region);
        }
        """);

    [Fact]
    public Task Valid_NoIpcSim_NothingRegistered() => Verify.Analyzer<IPC003DetachWhatYouAttachAnalyzer>("""
        class C
        {
            static nint shmat(int id, nint addr, int flags) => 0;

            static void M() => shmat(1, 0, 0);
        }
        """);

    [Theory]
    [InlineData("nint p = shmat(shmid, 0, ; Mem.Write<int>(p, 1);")]
    [InlineData("nint p = [|shmat(shmid, 0, 0)|]; if (p == ) return; _ = shmdt(p); Mem.Read<int>(p")]
    [InlineData("var p = shmat(); shmdt(p, 1); Mem.Write(p);")]
    [InlineData("nint p = shmat(shmid, 0, 0); Unknown(p); p.Foo = 3; _ = shmdt(q);")]
    [InlineData("nint p = shmat(shmid, 0, 0); try { Mem.Write<int>(p, 1); } finally { shmdt(p) }")]
    [InlineData("Func<nint> f = () => shmat(shmid, 0, 0); local(); void local() => shmdt(f(;")]
    public Task Valid_BrokenCode_DoesNotThrow(string body) => Verify.BrokenCode<IPC003DetachWhatYouAttachAnalyzer>($$"""
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
