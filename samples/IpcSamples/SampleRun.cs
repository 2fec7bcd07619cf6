namespace IpcSamples;

/// <summary>What one run of a sample produced.</summary>
public sealed record SampleResult(int WaitStatus, string Stdout, string Stderr, IReadOnlyList<IpcObjectInfo> Leaks)
{
    public bool ExitedZero => WIFEXITED(WaitStatus) && WEXITSTATUS(WaitStatus) == 0;
}

/// <summary>
/// Runs a sample as the main process of a fresh kernel, so that its pids, ids and clock start
/// from the same place every time: the transcript is the same on every run and every machine.
/// </summary>
public static class SampleRun
{
    /// <summary>The instant every sample's kernel boots at (the *_time fields and the clock start here).</summary>
    public static readonly DateTimeOffset BootTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Runs <paramref name="sample"/>, its output going to <paramref name="stdout"/> and <paramref name="stderr"/> as written.</summary>
    public static SampleResult Run(Sample sample, TextWriter stdout, TextWriter stderr, TimeSpan? watchdog = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var transcript = new StringWriter();
        var errors = new StringWriter();
        var kernel = new Kernel(new KernelOptions
        {
            BootTime = BootTime,
            Stdout = new TeeWriter(transcript, stdout),
            Stderr = new TeeWriter(errors, stderr),
            Watchdog = watchdog ?? TimeSpan.FromMinutes(1),
        });
        var shell = new Shell(kernel);
        var status = kernel.Run(() => sample.Entry(shell));
        return new SampleResult(status, transcript.ToString(), errors.ToString(), kernel.Leaks);
    }

    private sealed class TeeWriter(TextWriter first, TextWriter second) : TextWriter
    {
        public override System.Text.Encoding Encoding => first.Encoding;

        public override void Write(char value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            first.Write(buffer, index, count);
            second.Write(buffer, index, count);
        }

        public override void Write(string? value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void Flush()
        {
            first.Flush();
            second.Flush();
        }
    }
}
