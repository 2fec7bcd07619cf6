using System.Text.RegularExpressions;

namespace IpcSamples.Tests;

/// <summary>README.md and docs/ stay in step with each other and with the samples.</summary>
public partial class DocsTests
{
    [Fact]
    public void The_README_rule_table_and_the_docs_rules_index_agree()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf("<!-- rules -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- /rules -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no <!-- rules --> … <!-- /rules --> block");

        var fromReadme = Rows(readme[start..end], "docs/rules/");
        var fromIndex = Rows(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "rules", "README.md")), "");
        Assert.Equal(Enumerable.Range(1, 16).Select(i => $"IPC{i:000}"), fromReadme.Select(r => r[0]));
        Assert.Equal(fromIndex, fromReadme);
    }

    [Fact]
    public void The_README_lists_every_sample_with_its_run_command()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        Assert.Contains("dotnet run --project samples/IpcSamples -- ", readme, StringComparison.Ordinal);
        foreach (var sample in SampleCatalog.All) Assert.Contains($"`{sample.Name}`", readme, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/rules/README.md")]
    [InlineData("docs/design/runtime.md")]
    public void Relative_links_lead_to_files_that_exist(string document)
    {
        var path = Path.Combine(RepoPaths.Root, document);
        var dir = Path.GetDirectoryName(path)!;
        foreach (Match link in MarkdownLink().Matches(File.ReadAllText(path)))
        {
            var target = link.Groups[1].Value.Split('#')[0];
            if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal)) continue;
            // The rule pages arrive with their rules (docs/rules/IPC0NN.md), each in its own branch.
            if (RulePage().IsMatch(target)) continue;
            var resolved = Path.GetFullPath(Path.Combine(dir, target));
            Assert.True(File.Exists(resolved) || Directory.Exists(resolved), $"{document}: the link '{link.Groups[1].Value}' leads nowhere");
        }
    }

    /// <summary>The table rows after the header: the link target (made relative to the index) and every cell.</summary>
    private static List<string[]> Rows(string markdown, string linkPrefix) =>
        markdown.Split('\n')
            .Where(l => l.StartsWith("| [IPC", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray())
            .Select(cells =>
            {
                var link = RuleLink().Match(cells[0]);
                Assert.True(link.Success && link.Groups[2].Value == linkPrefix + link.Groups[1].Value + ".md", "bad rule link: " + cells[0]);
                return new[] { link.Groups[1].Value }.Concat(cells.Skip(1)).ToArray();
            })
            .ToList();

    [GeneratedRegex(@"^\[(IPC\d{3})\]\(([^)]+)\)$")]
    private static partial Regex RuleLink();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(^|/)IPC\d{3}\.md$")]
    private static partial Regex RulePage();
}
