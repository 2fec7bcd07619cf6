namespace IpcAnalyzers.CodeFixes;
internal static class Placeholder { }
