namespace IpcAnalyzers;
internal static class Placeholder { }
