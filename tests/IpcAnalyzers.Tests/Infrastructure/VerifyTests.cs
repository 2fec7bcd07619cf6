using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Xunit.Sdk;

namespace IpcAnalyzers.Tests.Infrastructure;

/// <summary>The verifier's own tests, against a tiny analyzer that reports every call of ftok, and a fix that renames it.</summary>
public sealed class VerifyTests
{
    private const string FtokCall = """
        using static IpcSim.Libc;

        class C
        {
            static int M() => [|ftok(".", 'A')|];
        }
        """;

    [Fact]
    public void Markup_ParsesBothForms_AndStripsThem()
    {
        var (source, expected) = Markup.Parse("a[|bc|]d{|IPC001:e[|f|]|}g");
        Assert.Equal("abcdefg", source);
        Assert.Equal(3, expected.Count);
        Assert.Contains(new ExpectedDiagnostic(null, new(1, 2)), expected);
        Assert.Contains(new ExpectedDiagnostic(null, new(5, 1)), expected);
        Assert.Contains(new ExpectedDiagnostic("IPC001", new(4, 2)), expected);
    }

    [Fact]
    public void Markup_UnclosedSpan_Throws() => Assert.Throws<InvalidOperationException>(() => Markup.Parse("a[|b"));

    [Fact]
    public Task Analyzer_ExactSpan_Passes() => Verify.Analyzer<FtokAnalyzer>(FtokCall);

    [Fact]
    public Task Analyzer_AnyIdMarkup_Passes() => Verify.Analyzer<FtokAnalyzer>(FtokCall.Replace("[|", "{|TEST001:").Replace("|]", "|}"));

    [Fact]
    public async Task Analyzer_MissingMarkup_Fails()
    {
        var e = await Assert.ThrowsAsync<XunitException>(() => Verify.Analyzer<FtokAnalyzer>(FtokCall.Replace("[|", "").Replace("|]", "")));
        Assert.Contains("unexpected: TEST001", e.Message);
    }

    [Fact]
    public async Task Analyzer_WrongSpan_Fails()
    {
        var e = await Assert.ThrowsAsync<XunitException>(() => Verify.Analyzer<FtokAnalyzer>(FtokCall.Replace("[|ftok(\".\", 'A')|]", "[|ftok|](\".\", 'A')")));
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public async Task Analyzer_CodeThatDoesNotCompile_Fails()
    {
        var e = await Assert.ThrowsAsync<XunitException>(() => Verify.Analyzer<FtokAnalyzer>("class C { void M() { undefined(); } }"));
        Assert.Contains("does not compile", e.Message);
    }

    [Fact]
    public async Task Analyzer_ThatThrows_Fails()
    {
        var e = await Assert.ThrowsAsync<XunitException>(() => Verify.Analyzer<ThrowingAnalyzer>("class C { void M() { } }"));
        Assert.Contains("An analyzer threw", e.Message);
    }

    [Fact]
    public Task BrokenCode_AllowsCompileErrors() => Verify.BrokenCode<FtokAnalyzer>("using static IpcSim.Libc; class C { int M() => [|ftok(\".\", 'A')|] + ; }");

    [Fact]
    public async Task BrokenCode_RejectsCodeThatCompiles()
        => await Assert.ThrowsAsync<TrueException>(() => Verify.BrokenCode<FtokAnalyzer>("class C { }"));

    [Fact]
    public Task Analyzer_SeveralDocuments() => Verify.Analyzer<FtokAnalyzer>([FtokCall, "class D { int M() => [|IpcSim.Libc.ftok(\"/\", 1)|]; }"]);

    [Fact]
    public Task CodeFix_ComparesText() => Verify.CodeFix<FtokAnalyzer, FtokToGetpidFix>(FtokCall, """
        using static IpcSim.Libc;

        class C
        {
            static int M() => getpid();
        }
        """, "TEST001Getpid");

    [Fact]
    public async Task CodeFix_WrongText_Fails()
        => await Assert.ThrowsAsync<XunitException>(() => Verify.CodeFix<FtokAnalyzer, FtokToGetpidFix>(FtokCall, "wrong", "TEST001Getpid"));

    [Fact]
    public async Task CodeFix_UnknownKey_Fails()
    {
        var e = await Assert.ThrowsAsync<XunitException>(() => Verify.CodeFix<FtokAnalyzer, FtokToGetpidFix>(FtokCall, "x", "nope"));
        Assert.Contains("No code action", e.Message);
    }

    [Fact]
    public async Task CodeFix_ResultThatDoesNotCompile_Fails()
    {
        var e = await Assert.ThrowsAsync<XunitException>(() => Verify.CodeFix<FtokAnalyzer, FtokToGetpidFix>(FtokCall, "x", "TEST001Broken"));
        Assert.Contains("does not compile", e.Message);
    }

    [Fact]
    public Task FixAll_Document() => Verify.FixAll<FtokAnalyzer, FtokToGetpidFix>("""
        using static IpcSim.Libc;

        class C
        {
            static int M() => [|ftok(".", 'A')|] + [|ftok("/", 'B')|];
        }
        """, """
        using static IpcSim.Libc;

        class C
        {
            static int M() => getpid() + getpid();
        }
        """);

    [Theory]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task FixAll_ProjectAndSolution(FixAllScope scope) => Verify.FixAll<FtokAnalyzer, FtokToGetpidFix>(
        [FtokCall, "using static IpcSim.Libc; class D { int M() => [|ftok(\"/\", 1)|]; }"],
        [FtokCall.Replace("[|ftok(\".\", 'A')|]", "getpid()"), "using static IpcSim.Libc; class D { int M() => getpid(); }"],
        scope);

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class FtokAnalyzer : DiagnosticAnalyzer
    {
#pragma warning disable RS2008, RS0030
        internal static readonly DiagnosticDescriptor Rule = new("TEST001", "ftok", "ftok called", "Test", DiagnosticSeverity.Warning, true);
#pragma warning restore RS2008, RS0030

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(
                c =>
                {
                    if (((IInvocationOperation)c.Operation).TargetMethod.Name == "ftok")
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, c.Operation.Syntax.GetLocation()));
                    }
                },
                OperationKind.Invocation);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [FtokAnalyzer.Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxTreeAction(_ => throw new InvalidOperationException("boom"));
        }
    }

    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    internal sealed class FtokToGetpidFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ["TEST001"];

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call) return;
            context.RegisterCodeFix(CodeAction.Create("getpid", _ => Task.FromResult(context.Document.WithSyntaxRoot(
                root.ReplaceNode(call, SyntaxFactory.ParseExpression("getpid()").WithTriviaFrom(call)))), "TEST001Getpid"), context.Diagnostics);
            context.RegisterCodeFix(CodeAction.Create("broken", _ => Task.FromResult(context.Document.WithSyntaxRoot(
                root.ReplaceNode(call, SyntaxFactory.ParseExpression("nosuch()").WithTriviaFrom(call)))), "TEST001Broken"), context.Diagnostics);
        }
    }
}
