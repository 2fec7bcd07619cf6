namespace IpcAnalyzers.Tests;

/// <summary>Finds the repository root from the test assembly's folder, for tests that read docs and sources.</summary>
internal static class RepoPaths
{
    internal static readonly string Root = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IpcAnalyzers.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("IpcAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
