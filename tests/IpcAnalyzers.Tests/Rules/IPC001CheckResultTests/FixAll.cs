using IpcAnalyzers.CodeFixes.Rules;
using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;

namespace IpcAnalyzers.Tests.Rules;

public sealed partial class IPC001CheckResultTests
{
    [Fact]
    public Task FixAll_Document_UniqueNames() => Verify.FixAll<IPC001CheckResultAnalyzer, IPC001CheckResultCodeFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int a, int b)
            {
                [|shmctl(a, IPC_RMID, null)|];
                [|shmctl(b, IPC_RMID, null)|];
                return 0;
            }
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static int M(int a, int b)
            {
                int r = shmctl(a, IPC_RMID, null);
                if (r == -1)
                {
                    perror("shmctl");
                    return -1;
                }
                int r2 = shmctl(b, IPC_RMID, null);
                if (r2 == -1)
                {
                    perror("shmctl");
                    return -1;
                }
                return 0;
            }
        }
        """);

    [Theory]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task FixAll_ProjectAndSolution_Throw(FixAllScope scope) => Verify.FixAll<IPC001CheckResultAnalyzer, IPC001CheckResultCodeFix>(
        [
            """
            class A
            {
                static void M(int fd) { [|IpcSim.Libc.close(fd)|]; }
            }
            """,
            """
            using static IpcSim.Libc;

            class B
            {
                static void M(int key)
                {
                    int id = [|semget(key, 1, 0)|];
                    _ = semctl(id, 0, IPC_RMID);
                }
            }
            """,
        ],
        [
            """
            using static IpcSim.Libc;

            class A
            {
                static void M(int fd) { int r = IpcSim.Libc.close(fd); if (r == -1)
                    {
                        throw new System.InvalidOperationException($"close failed: {strerror(errno)}");
                    }
                }
            }
            """,
            """
            using static IpcSim.Libc;

            class B
            {
                static void M(int key)
                {
                    int id = semget(key, 1, 0);
                    if (id == -1)
                    {
                        throw new System.InvalidOperationException($"semget failed: {strerror(errno)}");
                    }
                    _ = semctl(id, 0, IPC_RMID);
                }
            }
            """,
        ],
        scope,
        IPC001CheckResultCodeFix.ThrowKey);
}
