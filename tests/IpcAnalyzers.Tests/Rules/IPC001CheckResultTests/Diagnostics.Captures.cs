using IpcAnalyzers.Rules;
using IpcAnalyzers.Tests.Infrastructure;

namespace IpcAnalyzers.Tests.Rules;

/// <summary>
/// Calls the control flow graph evaluates into a flow capture (a conditional, <c>??</c>, a using resource, an argument
/// across a branch): what the call does to the state must survive the capture.
/// </summary>
public sealed partial class IPC001CheckResultTests
{
    [Fact]
    public Task Diagnostic_CallInConditional_UsedUnchecked() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static nint M(int key, bool create)
            {
                int id = create ? [|shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR)|] : [|shmget(key, 0, 0)|];
                return shmat(id, 0, 0);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CallInConditionalWithConstant_UsedUnchecked() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int M(int semid, bool remove)
            {
                var r = remove ? [|semctl(semid, 0, IPC_RMID)|] : -1;
                var slots = new int[4];
                return slots[r];
            }
        }
        """);

    [Fact]
    public Task Diagnostic_CallAfterCoalesce_UsedUnchecked() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static int? cached;

            static nint M(int key)
            {
                int id = cached ?? [|shmget(key, 4096, 0)|];
                return shmat(id, 0, 0);
            }
        }
        """);

    [Fact]
    public Task Diagnostic_AssignedInUsingResource_UsedUnchecked() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        sealed class Scope : System.IDisposable
        {
            public void Dispose() { }
        }

        class C
        {
            static Scope Enter(int id) => new Scope();

            static nint M(int key)
            {
                int id;
                using (Enter(id = [|shmget(key, 4096, 0)|]))
                {
                }

                return shmat(id, 0, 0);
            }
        }
        """);

    [Fact]
    public Task Valid_CallInConditional_Checked() => Verify.Analyzer<IPC001CheckResultAnalyzer>("""
        using static IpcSim.Libc;

        class C
        {
            static nint M(int key, bool create)
            {
                int id = create ? shmget(key, 4096, IPC_CREAT | S_IRUSR | S_IWUSR) : shmget(key, 0, 0);
                if (id == -1) return -1;
                return shmat(id, 0, 0);
            }
        }
        """);
}
