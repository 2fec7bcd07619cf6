using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC001CheckResultTests
{
    [Fact]
    public Task CodeFix_DiscardedCall_GetsLocalAndReturnMinusOne() => Verify.CodeFix<IPC001CheckResultAnalyzer, IPC001CheckResultCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int key)
            {
                // create it
                [|shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR)|];
                return 0;
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static int M(int key)
            {
                // create it
                int shmid = shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR);
                if (shmid == -1)
                {
                    perror("shmget");
                    return -1;
                }
                return 0;
            }
        }
        """, IPC001CheckResultCodeFix.ReturnKey);

    [Fact]
    public Task CodeFix_StoredResult_ThrowAction() => Verify.CodeFix<IPC001CheckResultAnalyzer, IPC001CheckResultCodeFix>("""
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                int semid = [|semget(key, 1, 0)|];
                _ = semctl(semid, 0, IPC_RMID);
            }
        }
        """, """
        using System;
        using static IpcSim.Libc;

        class C
        {
            static void M(int key)
            {
                int semid = semget(key, 1, 0);
                if (semid == -1)
                {
                    throw new InvalidOperationException($"semget failed: {strerror(errno)}");
                }
                _ = semctl(semid, 0, IPC_RMID);
            }
        }
        """, IPC001CheckResultCodeFix.ThrowKey);

    [Fact]
    public Task CodeFix_VoidMethod_ReturnsEarly() => Verify.CodeFix<IPC001CheckResultAnalyzer, IPC001CheckResultCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint addr = [|shmat(shmid, 0, 0)|];
                _ = shmdt(addr);
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static void M(int shmid)
            {
                nint addr = shmat(shmid, 0, 0);
                if (addr == -1)
                {
                    perror("shmat");
                    return;
                }
                _ = shmdt(addr);
            }
        }
        """);

    [Fact]
    public Task CodeFix_BoolMethod_ReturnsFalse() => Verify.CodeFix<IPC001CheckResultAnalyzer, IPC001CheckResultCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static bool M(int fd)
            {
                [|close(fd)|];
                return true;
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static bool M(int fd)
            {
                int r = close(fd);
                if (r == -1)
                {
                    perror("close");
                    return false;
                }
                return true;
            }
        }
        """, IPC001CheckResultCodeFix.ReturnKey);

    [Fact]
    public Task CodeFix_NoUsingStatic_AddsItAndQualifiesException() => Verify.CodeFix<IPC001CheckResultAnalyzer, IPC001CheckResultCodeFix>("""
        class C
        {
            static string M(int key)
            {
                int id = [|IpcSim.Libc.msgget(key, 0)|];
                return IpcSim.Libc.msgctl(id, IpcSim.Libc.IPC_RMID, null).ToString();
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static string M(int key)
            {
                int id = IpcSim.Libc.msgget(key, 0);
                if (id == -1)
                {
                    throw new System.InvalidOperationException($"msgget failed: {strerror(errno)}");
                }
                return IpcSim.Libc.msgctl(id, IpcSim.Libc.IPC_RMID, null).ToString();
            }
        }
        """);

    [Fact]
    public Task CodeFix_NameAlreadyTaken_GetsSuffix() => Verify.CodeFix<IPC001CheckResultAnalyzer, IPC001CheckResultCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                [|shmget(1, 4096, 0)|];
                return shmid;
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static int M(int shmid)
            {
                int shmid2 = shmget(1, 4096, 0);
                if (shmid2 == -1)
                {
                    perror("shmget");
                    return -1;
                }
                return shmid;
            }
        }
        """);

    [Fact]
    public Task CodeFix_NestedCall_NoFix() => Verify.NoCodeFix<IPC001CheckResultAnalyzer, IPC001CheckResultCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static nint M(int key) => shmat([|shmget(key, 4096, 0)|], 0, 0);
        }
        """);
}
