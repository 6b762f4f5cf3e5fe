using System.Globalization;
using LexHeller.Core.Time;

namespace LexHeller.Core.Cases;

/// <summary>One text of a case that a redaction reads and may rewrite, named as the case page names it.</summary>
internal sealed record RedactableText(string Field, string? Text, Action<string> Replace);

/// <summary>One place a passage will be struck: the field, and the sentence around it split at the match.</summary>
public sealed record RedactionPlace(string Field, string Before, string Match, string After);

/// <summary>Every place a passage occurs in a case, before anything is struck.</summary>
public sealed record RedactionPreview(IReadOnlyList<RedactionPlace> Places)
{
    public int FieldCount => Places.Select(p => p.Field).Distinct().Count();

    /// <summary>"3 ställen i 2 fält".</summary>
    public string Extent => $"{Swedish.Count(Places.Count, "ställe", "ställen")} i {Swedish.Count(FieldCount, "fält", "fält")}";
}

/// <summary>
/// How a passage is found in a case's texts: case-insensitively as Swedish is written ("vårdcentralen" also finds
/// "Vårdcentralen" and "VÅRDCENTRALEN"), in every text of the case, including the comments of its history (a
/// rejection's reason is kept there too). The preview and the strike use the same matching, so what the kansli
/// was shown is what is struck.
/// </summary>
public static class CaseRedaction
{
    private const CompareOptions Matching = CompareOptions.IgnoreCase | CompareOptions.IgnoreWidth;
    private const int Context = 80;

    /// <summary>Where <paramref name="passage"/> occurs in <paramref name="text"/>: start and length of each match, left to right.</summary>
    public static IReadOnlyList<(int Start, int Length)> Find(string? text, string passage)
    {
        var found = new List<(int, int)>();
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(passage)) return found;
        var compare = Stockholm.Culture.CompareInfo;
        var from = 0;
        while (from < text.Length)
        {
            var at = compare.IndexOf(text.AsSpan(from), passage.AsSpan(), Matching, out var length);
            // A passage of characters the culture ignores matches an empty span: nothing to strike.
            if (at < 0 || length == 0) break;
            found.Add((from + at, length));
            from += at + length;
        }
        return found;
    }

    /// <summary>The text with every match replaced by <see cref="Case.RedactedMark"/>.</summary>
    public static string Strike(string text, string passage)
    {
        var matches = Find(text, passage);
        if (matches.Count == 0) return text;
        var result = new System.Text.StringBuilder(text.Length);
        var last = 0;
        foreach (var (start, length) in matches)
        {
            result.Append(text, last, start - last).Append(Case.RedactedMark);
            last = start + length;
        }
        return result.Append(text, last, text.Length - last).ToString();
    }

    /// <summary>Every place of the case where the passage occurs, in the order of the case page.</summary>
    public static RedactionPreview Preview(Case c, IEnumerable<CaseEvent> history, string passage) =>
        new(c.RedactableTexts(history).SelectMany(t => Find(t.Text, passage).Select(m => Place(t.Field, t.Text!, m.Start, m.Length))).ToList());

    /// <summary>The sentence around a match (at most <see cref="Context"/> characters either side).</summary>
    private static RedactionPlace Place(string field, string text, int start, int length)
    {
        var from = start;
        while (from > 0 && start - from < Context && !IsSentenceEnd(text[from - 1])) from--;
        var to = start + length;
        while (to < text.Length && to - (start + length) < Context && !IsSentenceEnd(text[to])) to++;
        if (to < text.Length && IsSentenceEnd(text[to]) && text[to] != '\n') to++;
        var before = (from > 0 && !IsSentenceEnd(text[from - 1]) ? "…" : "") + text[from..start].TrimStart();
        var after = text[(start + length)..to].TrimEnd() + (to < text.Length && !IsSentenceEnd(text[to - 1]) && !IsSentenceEnd(text[to]) ? "…" : "");
        return new(field, before, text.Substring(start, length), after);
    }

    private static bool IsSentenceEnd(char ch) => ch is '.' or '!' or '?' or '\n';
}
