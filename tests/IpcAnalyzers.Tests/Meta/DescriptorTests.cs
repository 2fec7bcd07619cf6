using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Tests.Meta;

public sealed class DescriptorTests
{
    internal static readonly DiagnosticDescriptor[] All = typeof(Descriptors)
        .GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    public static TheoryData<string> Ids() => new(All.Select(d => d.Id));

    [Fact]
    public void Ids_AreUnique_AndAllSixteenAreDeclared()
    {
        Assert.Equal(All.Length, All.Select(d => d.Id).Distinct().Count());
        Assert.Equal(RulesCatalogue.Rules.Keys.Order(), All.Select(d => d.Id).Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_MatchesRulesMd(string id)
    {
        var descriptor = All.Single(d => d.Id == id);
        Assert.Matches(new Regex(@"^IPC\d{3}$"), descriptor.Id);
        Assert.Equal(RulesCatalogue.Rules[id].Title, descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(RulesCatalogue.Rules[id].Severity, descriptor.DefaultSeverity.ToString());
        Assert.EndsWith($"docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.StartsWith(Descriptors.HelpLinkBase, descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.Contains(descriptor.Category, new[] { Categories.Reliability, Categories.Concurrency, Categories.Security, Categories.Usage });
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.False(descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture).EndsWith('.'), "Messages end without a period.");
    }

    [Fact]
    public void Field_IsNamedAfterIdAndTitle()
    {
        foreach (var field in typeof(Descriptors).GetFields(BindingFlags.Static | BindingFlags.NonPublic).Where(f => f.FieldType == typeof(DiagnosticDescriptor)))
        {
            var descriptor = (DiagnosticDescriptor)field.GetValue(null)!;
            Assert.StartsWith(descriptor.Id, field.Name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ReleaseTracking_ListsEveryDescriptor()
    {
        var unshipped = File.ReadAllText(Path.Combine(RepoPaths.Root, "src/Analyzers/AnalyzerReleases.Unshipped.md"));
        foreach (var d in All)
        {
            Assert.Contains($"{d.Id} | {d.Category} | {d.DefaultSeverity} |", unshipped, StringComparison.Ordinal);
        }
    }
}
