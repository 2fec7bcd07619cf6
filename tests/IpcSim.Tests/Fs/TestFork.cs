using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace IpcSim.Tests;

/// <summary>
/// Stands in for fork(2) until it lands: starts a child the way fork will (copy what a child
/// inherits with CopyIntoChild, then start its thread), so that these tests switch to the real
/// fork in this one place. An assertion failing in a child fails the test through <see cref="Run"/>.
/// </summary>
internal static class TestFork
{
    private static readonly ConditionalWeakTable<IpcSim.Kernel, List<ExceptionDispatchInfo>> Failures = new();

    /// <summary>Sim.Run, then rethrows the first assertion that failed in any child.</summary>
    internal static IpcSim.Kernel Run(Action main, bool allowLeaks = false)
    {
        var failures = new List<ExceptionDispatchInfo>();
        IpcSim.Kernel kernel;
        try
        {
            kernel = Sim.Run(() =>
            {
                Failures.AddOrUpdate(SimProcess.Current.Kernel, failures);
                main();
            }, allowLeaks);
        }
        catch (Exception) when (FirstOf(failures) is not null)
        {
            FirstOf(failures)!.Throw();
            throw;
        }

        FirstOf(failures)?.Throw();
        return kernel;
    }

    /// <summary>fork(): the child runs <paramref name="body"/> with a copy of the caller's descriptor table.</summary>
    internal static Child Start(Action body) => Start(() =>
    {
        body();
        return 0;
    });

    internal static Child Start(Func<int> body)
    {
        var parent = SimProcess.Current;
        var k = parent.Kernel;
        var failures = Failures.TryGetValue(k, out var list) ? list : [];
        lock (k.Gate)
        {
            var child = k.StartProcess(parent, () =>
            {
                try
                {
                    return body();
                }
                catch (Exception e) when (e is not ProcessExitException)
                {
                    lock (failures) failures.Add(ExceptionDispatchInfo.Capture(e));
                    throw;
                }
            });
            parent.CopyIntoChild(child);
            return new Child(child);
        }
    }

    private static ExceptionDispatchInfo? FirstOf(List<ExceptionDispatchInfo> failures)
    {
        lock (failures) return failures.FirstOrDefault();
    }
}

/// <summary>A child started by <see cref="TestFork"/>, observed from the test (wait(2) stand-in).</summary>
internal sealed class Child
{
    internal Child(SimProcess process) => Process = process;

    internal SimProcess Process { get; }

    internal int Pid => Process.Pid;

    /// <summary>Waits until the child has exited (its descriptors closed) and returns its wait status.</summary>
    internal int Wait()
    {
        var k = Process.Kernel;
        while (true)
        {
            lock (k.Gate)
            {
                if (!Process.IsAlive) return Process.WaitStatus;
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Waits until the child is asleep in the kernel (blocked in a call).</summary>
    internal void WaitUntilBlocked()
    {
        var k = Process.Kernel;
        while (true)
        {
            lock (k.Gate)
            {
                if (Process.Waiters.Count > 0 || !Process.IsAlive) return;
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>
    /// Stands in for a signal with a handler (until kill/sigaction land): marks one pending and
    /// interrupts the child's sleep, so the call returns EINTR. The child calls <see cref="ClearSignal"/>.
    /// </summary>
    internal void Interrupt()
    {
        var k = Process.Kernel;
        lock (k.Gate)
        {
            Process.SignalPending = true;
            k.Scheduler.Interrupt(Process);
        }
    }

    internal static void ClearSignal()
    {
        var p = SimProcess.Current;
        lock (p.Kernel.Gate) p.SignalPending = false;
    }
}
