namespace IpcAnalyzers;

/// <summary>The diagnostic categories every descriptor takes one of.</summary>
internal static class Categories
{
    /// <summary>Results, lifetimes and errors: code that fails or leaks at run time.</summary>
    internal const string Reliability = "Reliability";

    /// <summary>Ordering between processes: semaphores, shared writes, races.</summary>
    internal const string Concurrency = "Concurrency";

    /// <summary>Permissions granted to other users.</summary>
    internal const string Security = "Security";

    /// <summary>Misuse of the API's arguments and conventions.</summary>
    internal const string Usage = "Usage";
}
