using System.Runtime.ExceptionServices;

namespace IpcSim.Tests;

/// <summary>
/// Runs a test body as the main process of a fresh kernel (LTP's one-test-one-namespace).
/// An assertion that fails inside any simulated process fails the test with its own message;
/// the test also fails if the process did not exit 0, or if IPC objects were left behind.
/// </summary>
internal static class Sim
{
    internal static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    internal static IpcSim.Kernel Run(Action main, bool allowLeaks = false, KernelOptions? options = null) =>
        Run(() =>
        {
            main();
            return 0;
        }, allowLeaks, options);

    internal static IpcSim.Kernel Run(Func<int> main, bool allowLeaks = false, KernelOptions? options = null)
    {
        var stderr = new StringWriter();
        var kernel = new IpcSim.Kernel(new KernelOptions
        {
            Watchdog = options?.Watchdog ?? Watchdog,
            RealClock = options?.RealClock ?? false,
            BootTime = options?.BootTime,
            Stdout = options?.Stdout ?? TextWriter.Null,
            Stderr = options?.Stderr ?? stderr,
        });
        ExceptionDispatchInfo? failure = null;
        var status = kernel.Run(() =>
        {
            try
            {
                return main();
            }
            catch (Exception e) when (e is not ProcessExitException)
            {
                failure ??= ExceptionDispatchInfo.Capture(e);
                throw;
            }
        });
        failure?.Throw();
        Assert.True(WIFEXITED(status) && WEXITSTATUS(status) == 0,
            $"main ended with wait status 0x{status:x} (exited {WIFEXITED(status)}, code {WEXITSTATUS(status)}, signal {WTERMSIG(status)})\n{stderr}");
        if (!allowLeaks) Assert.Empty(kernel.Leaks);
        return kernel;
    }

    /// <summary>Runs <paramref name="body"/> in a forked child (inside a simulation) and rethrows its assertion failures in the caller.</summary>
    internal static Action Guard(Action body, List<ExceptionDispatchInfo> failures) => () =>
    {
        try
        {
            body();
        }
        catch (Exception e) when (e is not ProcessExitException)
        {
            lock (failures) failures.Add(ExceptionDispatchInfo.Capture(e));
            throw;
        }
    };
}
