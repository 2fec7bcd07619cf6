using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace IpcSamples.Tests.Packaging;

/// <summary>
/// The packages as a user meets them: `dotnet pack` both into a folder feed, then a fresh
/// console project outside the repository (its own NuGet.config: that feed and the
/// repository's configured sources; its own empty package folder, so nothing comes from
/// this machine's NuGet cache) holding the classic mistakes of samples/Mistakes. One test
/// method, one consumer project: it takes a minute or two. The rules it expects are the ones
/// whose analyzer types are in the packed assembly, so it grows as rules land.
/// </summary>
public sealed partial class PackageTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Package")]
    public void Packed_analyzers_and_runtime_work_in_a_fresh_consumer_project()
    {
        var work = Directory.CreateTempSubdirectory("ipcanalyzers-package-");
        output.WriteLine("working in " + work.FullName);
        try
        {
            Check(work.FullName);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("IPCSAMPLES_KEEP_PACKAGE_TEST") != "1") work.Delete(recursive: true);
        }
    }

    private void Check(string work)
    {
        var feed = Directory.CreateDirectory(Path.Combine(work, "feed")).FullName;
        var consumer = Directory.CreateDirectory(Path.Combine(work, "consumer")).FullName;

        // 1. Pack, with build outputs of their own (never the repository's bin/obj).
        var repoCli = new DotnetCli(new Dictionary<string, string>());
        var artifacts = Path.Combine(work, "artifacts");
        foreach (var project in new[] { "src/Package/IpcAnalyzers.Package.csproj", "src/Runtime/IpcSim.csproj" })
        {
            var pack = repoCli.Run(RepoPaths.Root, "pack", project, "-c", "Release", "-o", feed, "--artifacts-path", artifacts);
            Assert.True(pack.ExitCode == 0, "dotnet pack " + project + ": " + pack);
        }

        var analyzerPackage = SinglePackage(feed, "IpcAnalyzers", out var analyzerVersion);
        var runtimePackage = SinglePackage(feed, "IpcSim", out var runtimeVersion);
        var (ruleIds, fixIds) = InspectAnalyzerPackage(analyzerPackage);
        InspectRuntimePackage(runtimePackage);
        output.WriteLine($"rules in the package: {string.Join(", ", ruleIds)}; code fixes: {string.Join(", ", fixIds)}");
        Assert.True(ruleIds.Contains("IPC001"), "IPC001's analyzer is not in the packed IpcAnalyzers.dll: the package has no rule to test yet");

        // 2. A fresh consumer project, as a user would write it.
        WriteConsumer(consumer, feed, analyzerVersion, runtimeVersion);
        var cli = new DotnetCli(new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "packages") });

        // 3. Build: warnings with their help links on the console, every rule in the SARIF log.
        var build = cli.Run(consumer, "build", "-p:ErrorLog=out.sarif");
        Assert.True(build.ExitCode == 0, "dotnet build: " + build);
        var sarif = Sarif.Read(Path.Combine(consumer, "out.sarif"));
        foreach (var id in ruleIds)
        {
            Assert.True(sarif.Results.Any(r => r.RuleId == id), $"{id}: no result in the SARIF log\n{build}");
            Assert.True(sarif.Rules.TryGetValue(id, out var rule), $"{id}: not described in the SARIF log's rules");
            Assert.EndsWith($"docs/rules/{id}.md", rule.HelpUri);
            if (rule.DefaultLevel != "warning") continue;
            var printed = new Regex($@"IPC\d{{3}}\.cs\(\d+,\d+\): warning {id}: .*\(https?://\S+/docs/rules/{id}\.md\)");
            Assert.True(printed.IsMatch(build.Output), $"{id}: no warning with its help link in the build output\n{build}");
        }

        // 4. -warnaserror turns them into errors: the build fails.
        var strict = cli.Run(consumer, "build", "--no-incremental", "-warnaserror");
        Assert.True(strict.ExitCode != 0, "dotnet build -warnaserror succeeded: " + strict);
        Assert.Contains("error IPC001:", strict.Output, StringComparison.Ordinal);

        // 5. An .editorconfig severity is honoured.
        var editorconfig = Path.Combine(consumer, ".editorconfig");
        File.WriteAllText(editorconfig, "root = true\n\n[*.cs]\ndotnet_diagnostic.IPC001.severity = none\n");
        var silenced = cli.Run(consumer, "build", "--no-incremental");
        File.Delete(editorconfig);
        Assert.True(silenced.ExitCode == 0, "dotnet build with IPC001 = none: " + silenced);
        Assert.DoesNotContain("IPC001", silenced.Output, StringComparison.Ordinal);
        foreach (var id in ruleIds.Where(id => id != "IPC001" && sarif.Rules[id].DefaultLevel == "warning"))
            Assert.Contains($"warning {id}:", silenced.Output, StringComparison.Ordinal);

        // 6. dotnet format applies the IPC001 code fix, when the package has it.
        if (!fixIds.Contains("IPC001"))
        {
            output.WriteLine("SKIPPED the dotnet format check: the packed IpcAnalyzers.CodeFixes.dll has no IPC001 code fix yet.");
            return;
        }

        var file = Path.Combine(consumer, "IPC001.cs");
        var before = File.ReadAllText(file);
        var format = cli.Run(consumer, "format", "analyzers", "--diagnostics", "IPC001", "--severity", "info");
        Assert.True(format.ExitCode == 0, "dotnet format: " + format);
        Assert.NotEqual(before, File.ReadAllText(file));
        var after = cli.Run(consumer, "build", "--no-incremental", "-p:ErrorLog=fixed.sarif");
        Assert.True(after.ExitCode == 0, "dotnet build after the fix: " + after);
        var fixedLog = Sarif.Read(Path.Combine(consumer, "fixed.sarif"));
        Assert.DoesNotContain(fixedLog.Results, r => r.RuleId == "IPC001" && r.File.EndsWith("/IPC001.cs", StringComparison.Ordinal));
    }

    private static string SinglePackage(string feed, string id, out string version)
    {
        var pattern = new Regex($@"^{Regex.Escape(id)}\.(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.nupkg$");
        var matches = Directory.GetFiles(feed).Select(f => (File: f, Match: pattern.Match(Path.GetFileName(f)))).Where(m => m.Match.Success).ToArray();
        Assert.True(matches.Length == 1, $"expected one {id}.<version>.nupkg in the feed, found: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
        version = matches[0].Match.Groups[1].Value;
        return matches[0].File;
    }

    /// <summary>Checks the analyzer package's shape and returns the rule ids of its analyzers and code fixes.</summary>
    private static (SortedSet<string> Rules, SortedSet<string> Fixes) InspectAnalyzerPackage(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var names = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("analyzers/dotnet/cs/IpcAnalyzers.dll", names);
        Assert.Contains("analyzers/dotnet/cs/IpcAnalyzers.CodeFixes.dll", names);
        Assert.DoesNotContain(names, n => n.StartsWith("lib/", StringComparison.Ordinal));

        var nuspec = ReadNuspec(zip);
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName is "dependencies" or "dependency");
        Assert.Equal("true", nuspec.Descendants().Single(e => e.Name.LocalName == "developmentDependency").Value);

        var rules = TypeRuleIds(zip, "analyzers/dotnet/cs/IpcAnalyzers.dll", "Analyzer");
        var fixes = TypeRuleIds(zip, "analyzers/dotnet/cs/IpcAnalyzers.CodeFixes.dll", "CodeFix");
        return (rules, fixes);
    }

    private static void InspectRuntimePackage(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/IpcSim.dll");
        Assert.DoesNotContain(ReadNuspec(zip).Descendants(), e => e.Name.LocalName == "dependency");
    }

    private static XDocument ReadNuspec(ZipArchive zip)
    {
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    /// <summary>"IPC001" for each type named IPC001…Analyzer (or …CodeFix), read from metadata without loading Roslyn.</summary>
    private static SortedSet<string> TypeRuleIds(ZipArchive zip, string path, string suffix)
    {
        using var memory = new MemoryStream();
        using (var stream = zip.GetEntry(path)!.Open()) stream.CopyTo(memory);
        memory.Position = 0;
        using var pe = new PEReader(memory);
        var metadata = pe.GetMetadataReader();
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeDefinitions)
        {
            var name = metadata.GetString(metadata.GetTypeDefinition(handle).Name);
            var match = RuleTypeName().Match(name);
            if (match.Success && name.EndsWith(suffix, StringComparison.Ordinal)) ids.Add(match.Groups[1].Value);
        }

        return ids;
    }

    [GeneratedRegex(@"^(IPC\d{3})[A-Z]\w*$")]
    private static partial Regex RuleTypeName();

    private static void WriteConsumer(string dir, string feed, string analyzerVersion, string runtimeVersion)
    {
        // The repository's configured sources, and the local feed first.
        var sources = new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "local"), new XAttribute("value", feed)));
        var repoConfig = XDocument.Load(Path.Combine(RepoPaths.Root, "NuGet.config"));
        foreach (var add in repoConfig.Descendants("packageSources").Elements("add")) sources.Add(new XElement(add));
        new XDocument(new XElement("configuration", sources)).Save(Path.Combine(dir, "NuGet.config"));

        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <!-- The mistakes are written to show IPC rules; these compiler warnings are not the point. -->
                <NoWarn>$(NoWarn);CS0162;CS0168;CS0219</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="IpcSim" Version="{runtimeVersion}" />
                <PackageReference Include="IpcAnalyzers" Version="{analyzerVersion}" />
              </ItemGroup>
            </Project>
            """);

        foreach (var source in Directory.GetFiles(Path.Combine(RepoPaths.Root, "samples", "Mistakes"), "*.cs"))
            File.Copy(source, Path.Combine(dir, Path.GetFileName(source)));
    }

    /// <summary>The parts of a SARIF log (version 1.0, the compiler's default, or 2.1) this test reads.</summary>
    private sealed record Sarif(IReadOnlyList<Sarif.Result> Results, IReadOnlyDictionary<string, Sarif.Rule> Rules)
    {
        internal sealed record Result(string RuleId, string File);

        internal sealed record Rule(string HelpUri, string DefaultLevel);

        internal static Sarif Read(string path)
        {
            Assert.True(System.IO.File.Exists(path), "no SARIF log at " + path);
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(path));
            var results = new List<Result>();
            var rules = new Dictionary<string, Rule>(StringComparer.Ordinal);
            foreach (var run in doc.RootElement.GetProperty("runs").EnumerateArray())
            {
                foreach (var r in run.GetProperty("results").EnumerateArray())
                    results.Add(new Result(r.GetProperty("ruleId").GetString()!, LocationOf(r)));

                if (run.TryGetProperty("rules", out var v1))
                {
                    foreach (var p in v1.EnumerateObject()) rules[p.Name] = RuleOf(p.Value, "defaultLevel");
                }
                else if (run.GetProperty("tool").TryGetProperty("driver", out var driver) && driver.TryGetProperty("rules", out var v2))
                {
                    foreach (var e in v2.EnumerateArray()) rules[e.GetProperty("id").GetString()!] = RuleOf(e, null);
                }
            }

            return new Sarif(results, rules);
        }

        private static Rule RuleOf(JsonElement e, string? levelProperty)
        {
            var help = e.TryGetProperty("helpUri", out var h) ? h.GetString() ?? "" : "";
            var level = levelProperty is not null && e.TryGetProperty(levelProperty, out var l) ? l.GetString()
                : e.TryGetProperty("defaultConfiguration", out var c) && c.TryGetProperty("level", out var cl) ? cl.GetString() : "warning";
            return new Rule(help, level ?? "warning");
        }

        private static string LocationOf(JsonElement result)
        {
            if (!result.TryGetProperty("locations", out var locations) || locations.GetArrayLength() == 0) return "";
            var first = locations[0];
            var file = first.TryGetProperty("resultFile", out var v1) ? v1
                : first.TryGetProperty("physicalLocation", out var v2) ? v2.GetProperty("artifactLocation") : default;
            return file.ValueKind == JsonValueKind.Object && file.TryGetProperty("uri", out var uri) ? uri.GetString() ?? "" : "";
        }
    }
}
