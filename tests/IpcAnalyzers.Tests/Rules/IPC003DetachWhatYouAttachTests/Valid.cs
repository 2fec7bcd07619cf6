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
}
