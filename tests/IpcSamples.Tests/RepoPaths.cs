namespace IpcSamples.Tests;

/// <summary>Where the repository's files are, found from the test assembly's folder upwards.</summary>
internal static class RepoPaths
{
    internal static string Root { get; } = FindRoot();

    internal static string Expected(string sample) => Path.Combine(Root, "samples", "IpcSamples", "Expected", sample + ".txt");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IpcAnalyzers.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("IpcAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
