namespace IpcAnalyzers.Tests;
public class SmokeTests { [Fact] public void Loads() => Assert.NotNull(typeof(Microsoft.CodeAnalysis.Compilation)); }
