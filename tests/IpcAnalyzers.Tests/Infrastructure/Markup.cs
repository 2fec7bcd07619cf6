using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace IpcAnalyzers.Tests.Infrastructure;

/// <summary>An expected diagnostic: the rule id (null = the rule under test) and its span in the clean source.</summary>
internal readonly record struct ExpectedDiagnostic(string? Id, TextSpan Span);

/// <summary>
/// Parses test markup: <c>[|…|]</c> marks a diagnostic of the rule under test, <c>{|IPC001:…|}</c> one of any id.
/// Spans may nest. The markup is removed from the source the compiler sees.
/// </summary>
internal static class Markup
{
    internal static (string Source, IReadOnlyList<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(string? Id, int Start, char Closer)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, source.Length, ']'));
                i += 2;
            }
            else if (Starts(markup, i, "{|") && TryReadId(markup, i + 2, out var id, out var afterColon))
            {
                open.Push((id, source.Length, '}'));
                i = afterColon;
            }
            else if (Starts(markup, i, "|]") && open.Count > 0 && open.Peek().Closer == ']')
            {
                var (idOpen, start, _) = open.Pop();
                expected.Add(new ExpectedDiagnostic(idOpen, TextSpan.FromBounds(start, source.Length)));
                i += 2;
            }
            else if (Starts(markup, i, "|}") && open.Count > 0 && open.Peek().Closer == '}')
            {
                var (idOpen, start, _) = open.Pop();
                expected.Add(new ExpectedDiagnostic(idOpen, TextSpan.FromBounds(start, source.Length)));
                i += 2;
            }
            else
            {
                source.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0) throw new InvalidOperationException($"Markup has {open.Count} unclosed span(s).");
        return (source.ToString(), expected);
    }

    private static bool Starts(string text, int index, string token)
        => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    private static bool TryReadId(string text, int index, out string id, out int afterColon)
    {
        id = "";
        afterColon = index;
        var colon = text.IndexOf(':', index);
        if (colon <= index || colon - index > 12) return false;
        var candidate = text[index..colon];
        if (!candidate.All(char.IsLetterOrDigit)) return false;
        id = candidate;
        afterColon = colon + 1;
        return true;
    }
}
