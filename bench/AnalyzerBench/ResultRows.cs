using System.Text;

namespace IpcBench.Analyzers;

/// <summary>Rows of the one table bench/run prints: section, measure, value, target, verdict.</summary>
internal sealed class ResultRows(string path)
{
    private readonly StringBuilder sb = new();

    internal void Add(string section, string measure, string value, string target = "", bool? met = null) =>
        sb.Append(section).Append('\t').Append(measure).Append('\t').Append(value).Append('\t')
          .Append(target).Append('\t').Append(met switch { true => "ok", false => "MISSED", null => "" }).Append('\n');

    internal void Flush() => File.AppendAllText(path, sb.ToString());
}
