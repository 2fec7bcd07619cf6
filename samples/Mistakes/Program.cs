namespace Mistakes;

/// <summary>
/// Each IPC0NN.cs holds one classic mistake. The point is the build: `dotnet build` lists the
/// warnings, one per annotated line. Running the program only says so.
/// </summary>
internal static class Program
{
    private static int Main()
    {
        System.Console.WriteLine("These programs are wrong on purpose: build the project to see the analyzers report them.");
        return 0;
    }
}
