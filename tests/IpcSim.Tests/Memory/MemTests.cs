using IpcSim.Tests.Ipc;

namespace IpcSim.Tests.Memory;

public class MemTests
{
    private static (int Id, nint Addr) Attach(long size)
    {
        var id = shmget(IPC_PRIVATE, size, IPC_CREAT | S_IRUSR | S_IWUSR);
        return (id, shmat(id, 0, 0));
    }

    private static void Release((int Id, nint Addr) seg)
    {
        shmdt(seg.Addr);
        shmctl(seg.Id, IPC_RMID, null);
    }

    [Fact]
    public void Fresh_segment_memory_reads_as_zero() => Sim.Run(() =>
    {
        var seg = Attach(3 * 4096);
        Assert.Equal(0L, Mem.Read<long>(seg.Addr));
        Assert.Equal(0L, Mem.Read<long>(seg.Addr + 3 * 4096 - 8));
        Release(seg);
    });

    [Fact]
    public void Values_written_read_back_at_any_alignment_and_across_a_page_boundary() => Sim.Run(() =>
    {
        var seg = Attach(2 * 4096);
        Mem.Write(seg.Addr + 1, 0x1122334455667788L);
        Assert.Equal(0x1122334455667788L, Mem.Read<long>(seg.Addr + 1));
        Mem.Write(seg.Addr + 4093, 0xCAFEBABEDEADBEEFUL); // straddles the two pages
        Assert.Equal(0xCAFEBABEDEADBEEFUL, Mem.Read<ulong>(seg.Addr + 4093));
        Mem.Write(seg.Addr + 100, 3.5);
        Assert.Equal(3.5, Mem.Read<double>(seg.Addr + 100));
        Release(seg);
    });

    [Fact]
    public void Bytes_and_strings_round_trip() => Sim.Run(() =>
    {
        var seg = Attach(8192);
        var data = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        Mem.WriteBytes(seg.Addr + 10, data);
        var back = new byte[5000];
        Mem.ReadBytes(seg.Addr + 10, back);
        Assert.Equal(data, back);
        Mem.WriteString(seg.Addr + 4090, "héllo, wörld"); // crosses into the second page
        Assert.Equal("héllo, wörld", Mem.ReadString(seg.Addr + 4090));
        Assert.Equal(0, Mem.Read<byte>(seg.Addr + 4090 + 14)); // NUL terminated (14 UTF-8 bytes)
        Release(seg);
    });

    [Fact]
    public void Pages_are_allocated_on_first_touch_and_counted_as_resident() => Sim.Run(() =>
    {
        var shm = SimProcess.Current.Kernel.Shm;
        var seg = Attach(10 * 4096);
        Assert.Equal((1, 10L, 0L), shm.Info());
        Mem.Read<int>(seg.Addr + 4096 * 3);
        Assert.Equal(1, shm.Info().ResidentPages);
        Mem.Write(seg.Addr + 4096 * 3 + 8, 1);
        Mem.Write(seg.Addr + 4096 * 9, 1);
        Assert.Equal(2, shm.Info().ResidentPages);
        Release(seg);
        Assert.Equal((0, 0L, 0L), shm.Info());
    });

    [Fact]
    public void The_tail_of_the_last_page_past_the_segment_size_is_mapped() => Sim.Run(() =>
    {
        var seg = Attach(100);
        Mem.Write(seg.Addr + 4095, (byte)9);
        Assert.Equal(9, Mem.Read<byte>(seg.Addr + 4095));
        Release(seg);
    });

    [Theory]
    [InlineData("past the last page")]
    [InlineData("straddling the end")]
    [InlineData("before the start")]
    [InlineData("null")]
    [InlineData("no attachment at all")]
    public void An_access_outside_every_attachment_kills_the_process_with_SIGSEGV(string where) => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 100, IPC_CREAT | S_IRUSR | S_IWUSR);
        var status = Children.Wait(Children.Start(() =>
        {
            if (where == "no attachment at all")
            {
                Mem.Read<int>(unchecked((nint)0x7000_0000_0000));
                return;
            }

            var addr = shmat(id, 0, 0);
            switch (where)
            {
                case "past the last page": Mem.Read<byte>(addr + 4096); break;
                case "straddling the end": Mem.Write(addr + 4094, 1); break;
                case "before the start": Mem.Write(addr - 1, (byte)1); break;
                default: Mem.Read<int>(0); break;
            }

            Assert.Fail("the bad access returned");
        }));
        Assert.True(WIFSIGNALED(status), $"status 0x{status:x}");
        Assert.Equal(SIGSEGV, WTERMSIG(status));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void A_read_only_attachment_can_be_read_but_a_write_kills_with_SIGSEGV() => Sim.Run(() =>
    {
        var id = shmget(IPC_PRIVATE, 100, IPC_CREAT | S_IRUSR | S_IWUSR);
        var status = Children.Wait(Children.Start(() =>
        {
            var ro = shmat(id, 0, SHM_RDONLY);
            Assert.Equal(0, Mem.Read<int>(ro));
            Mem.WriteBytes(ro, new byte[] { 1 });
        }));
        Assert.Equal(SIGSEGV, WTERMSIG(status));
        shmctl(id, IPC_RMID, null);
    });

    [Fact]
    public void Mem_in_the_main_process_after_shmdt_ends_the_run_with_SIGSEGV()
    {
        var status = new IpcSim.Kernel(new KernelOptions { Watchdog = Sim.Watchdog }).Run(() =>
        {
            var id = shmget(IPC_PRIVATE, 100, IPC_CREAT | S_IRUSR | S_IWUSR);
            var addr = shmat(id, 0, 0);
            shmctl(id, IPC_RMID, null);
            shmdt(addr);
            Mem.Write(addr, 1);
            return 0;
        });
        Assert.True(WIFSIGNALED(status));
        Assert.Equal(SIGSEGV, WTERMSIG(status));
    }
}
