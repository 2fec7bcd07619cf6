namespace IpcBench.Analyzers;

internal static class Stats
{
    internal static double Median(IReadOnlyList<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
    }

    internal static double Min(IReadOnlyList<double> xs) => xs.Count == 0 ? double.NaN : xs.Min();
}
