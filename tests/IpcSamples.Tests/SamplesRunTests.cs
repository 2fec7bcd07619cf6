namespace IpcSamples.Tests;

/// <summary>
/// Every sample runs under a fresh kernel, exits 0, leaves no IPC object behind, writes
/// nothing to stderr, and prints exactly the transcript checked in as
/// samples/IpcSamples/Expected/NAME.txt (compared line by line, trailing blanks ignored,
/// as editors trim them). Set IPCSAMPLES_UPDATE_EXPECTED=1 to rewrite the files after a
/// deliberate change, then read the diff.
/// </summary>
public class SamplesRunTests
{
    public static TheoryData<string> Names => new(SampleCatalog.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Sample_exits_0_leaves_nothing_and_prints_its_expected_transcript(string name)
    {
        var sample = SampleCatalog.Find(name)!;
        var result = SampleRun.Run(sample, TextWriter.Null, TextWriter.Null);

        Assert.True(result.ExitedZero, $"{name} ended with wait status 0x{result.WaitStatus:x}\nstderr:\n{result.Stderr}\nstdout:\n{result.Stdout}");
        Assert.Empty(result.Leaks);
        Assert.Equal("", result.Stderr);

        var actual = Normalise(result.Stdout);
        var path = RepoPaths.Expected(name);
        if (Environment.GetEnvironmentVariable("IPCSAMPLES_UPDATE_EXPECTED") == "1") File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"no expected transcript at {path}: run with IPCSAMPLES_UPDATE_EXPECTED=1 to write it");
        Assert.Equal(Normalise(File.ReadAllText(path)), actual);
    }

    [Fact]
    public void Transcripts_are_the_same_when_the_samples_run_at_once()
    {
        // Four copies of every sample in parallel: the host's scheduling changes, the transcripts must not.
        var runs = SampleCatalog.All.SelectMany(s => Enumerable.Repeat(s, 4)).ToArray();
        var results = new SampleResult[runs.Length];
        Parallel.For(0, runs.Length, i => results[i] = SampleRun.Run(runs[i], TextWriter.Null, TextWriter.Null));

        foreach (var group in runs.Select((s, i) => (s.Name, Result: results[i])).GroupBy(r => r.Name))
        {
            var first = group.First().Result;
            Assert.True(first.ExitedZero, group.Key + ": " + first.Stderr);
            Assert.All(group, r => Assert.Equal(first.Stdout, r.Result.Stdout));
            Assert.All(group, r => Assert.Empty(r.Result.Leaks));
        }
    }

    [Fact]
    public void The_catalogue_names_each_sample_once_and_each_has_a_transcript()
    {
        var names = SampleCatalog.All.Select(s => s.Name).ToArray();
        Assert.Equal(names.Length, names.Distinct().Count());
        var files = Directory.GetFiles(Path.GetDirectoryName(RepoPaths.Expected("x"))!, "*.txt").Select(Path.GetFileNameWithoutExtension);
        Assert.Equal(names.Order(), files.Order());
    }

    private static string Normalise(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd());
        return string.Join("\n", lines).TrimEnd('\n') + "\n";
    }
}
