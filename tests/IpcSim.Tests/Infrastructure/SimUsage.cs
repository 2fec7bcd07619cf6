namespace IpcSim.Tests;

public class SimUsageTests
{
    [Fact]
    public void An_assertion_failing_inside_a_simulated_process_fails_the_test_with_its_message()
    {
        var ex = Assert.ThrowsAny<Exception>(() => Sim.Run(() => Assert.Equal(1, 2)));
        Assert.Contains("Assert.Equal", ex.Message);
    }

    [Fact]
    public void A_nonzero_exit_fails_the_test()
    {
        Assert.ThrowsAny<Exception>(() => Sim.Run(() => 3));
    }

    [Fact]
    public void Errno_assert_names_the_errno()
    {
        Assert.Equal("EIDRM", ErrnoAssert.Name(EIDRM));
        Assert.Equal("EAGAIN", ErrnoAssert.Name(EAGAIN));
    }
}
