using System.Globalization;
using System.Text;

namespace IpcBench.CodeGen;

/// <summary>
/// Writes a synthetic C# project of about the requested number of lines:
/// <c>CodeGen &lt;outDir&gt; &lt;plain|ipc&gt; &lt;lines&gt; [seed]</c>. "plain" has no IPC at all
/// (records, LINQ, async, generics, pattern matching); "ipc" is dense IPC code in every style the
/// analyzer tests know, mostly correct, with about one unit in ten holding a classic mistake.
/// Files hold about 500 lines each, so that one of them can stand for an IDE document.
/// </summary>
internal static class Program
{
    private const int LinesPerFile = 480;

    private static int Main(string[] args)
    {
        if (args.Length < 3 || (args[1] != "plain" && args[1] != "ipc") || !int.TryParse(args[2], out var target))
        {
            Console.Error.WriteLine("usage: CodeGen <outDir> <plain|ipc> <lines> [seed] [ipcSimProjectPath]");
            return 2;
        }

        var outDir = args[0];
        var ipc = args[1] == "ipc";
        var seed = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 8;
        var ipcSimProject = args.Length > 4 ? args[4] : null;
        var random = new Random(seed);
        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        Directory.CreateDirectory(outDir);

        Func<int, Random, string>[] units = ipc ? IpcUnits.All : PlainUnits.All;
        int total = 0, file = 0, unit = 0;
        while (total < target)
        {
            var sb = new StringBuilder();
            sb.Append(ipc ? IpcUnits.Header(file) : PlainUnits.Header(file));
            var lines = CountLines(sb);
            while (lines < LinesPerFile && total + lines < target)
            {
                var text = units[unit % units.Length](unit, random);
                sb.Append(text);
                lines += CountLines(text);
                unit++;
            }

            File.WriteAllText(Path.Combine(outDir, $"Unit{file:D4}.cs"), sb.ToString());
            total += lines;
            file++;
        }

        File.WriteAllText(Path.Combine(outDir, "Generated.csproj"), Project(ipcSimProject));
        Console.WriteLine($"{outDir}: {total} lines in {file} files ({unit} units)");
        return 0;
    }

    private static int CountLines(StringBuilder sb)
    {
        var n = 0;
        foreach (var chunk in sb.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (c == '\n') n++;
            }
        }

        return n;
    }

    private static int CountLines(string s) => s.Count(c => c == '\n');

    // A project file so the output can also be built with msbuild (dotnet build -p:ReportAnalyzer=true).
    private static string Project(string? ipcSimProject) => $$"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Library</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>disable</ImplicitUsings>
            <AnalysisLevel>none</AnalysisLevel>
            <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
            <NoWarn>$(NoWarn);CS0162;CS0168;CS0219;CS8618</NoWarn>
          </PropertyGroup>
          {{(ipcSimProject is null ? "" : $"<ItemGroup><ProjectReference Include=\"{ipcSimProject}\" /></ItemGroup>")}}
          <!-- dotnet build -p:IpcAnalyzersDll=/path/IpcAnalyzers.dll -p:ReportAnalyzer=true -v:d: msbuild's own view. -->
          <ItemGroup Condition="'$(IpcAnalyzersDll)' != ''"><Analyzer Include="$(IpcAnalyzersDll)" /></ItemGroup>
        </Project>

        """;
}
