using System.Globalization;
using System.Text;
using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Cases;

/// <summary>
/// Full-text search of case texts, and the clean-up after a redaction that leaves the removed words nowhere in the
/// database file. The statements are the database engine's (<see cref="DatabaseEngine"/>; for SQLite an FTS5 table
/// kept in step with Cases by triggers).
/// </summary>
public static class CaseSearch
{
    /// <summary>
    /// Turns what a user typed into an FTS5 query: each word a quoted prefix term, all required. Never fails: inside a
    /// word only the characters the unicode61 tokenizer keeps (letters, digits, marks) are kept and the rest become
    /// spaces, which is how the index read the text anyway; so no quote, operator, NUL or other control character
    /// reaches FTS5's query parser, and a word of punctuation alone is dropped rather than sent as an empty phrase.
    /// </summary>
    public static string? ToMatchQuery(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var words = text.Split([' ', '\t', '\n', '\r', ',', ';', ':', '.', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Select(TokenText).Where(w => w.Length > 0).Take(10).ToList();
        return words.Count == 0 ? null : string.Join(" AND ", words.Select(w => $"\"{w}\"*"));
    }

    private static string TokenText(string word)
    {
        var kept = new StringBuilder(word.Length);
        foreach (var rune in word.EnumerateRunes())
            kept.Append(IsTokenCharacter(rune) ? rune.ToString() : " ");
        return string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static bool IsTokenCharacter(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    /// <summary>Ids of cases whose texts match; use inside a query (it composes as a subquery).</summary>
    public static IQueryable<int> Matching(LexHellerDb db, string match) => DatabaseEngine.For(db).CasesMatching(db, match);

    /// <summary>
    /// How many of a förbund's submitted cases match, counting no further than <paramref name="cap"/>: a common
    /// word can match tens of thousands of cases, and counting them all costs more than a page of them.
    /// </summary>
    public static Task<int> CountSubmittedAsync(LexHellerDb db, string match, int forbundId, int cap, CancellationToken ct = default) =>
        DatabaseEngine.For(db).CountSubmittedMatchesAsync(db, match, forbundId, cap, ct);

    // After a redaction the removed words must be nowhere (DESIGN.md, personal data): first out of the index, in the
    // redaction's transaction, then out of the file's free space and log once it has committed.

    /// <summary>Drops the removed words from the search index; a write, so it belongs in the redaction's transaction.</summary>
    public static Task OptimizeAsync(LexHellerDb db, CancellationToken ct = default) => DatabaseEngine.For(db).PurgeRemovedFromIndexAsync(db, ct);

    /// <summary>Drops them from the database file and its log; only after the commit, outside any transaction.</summary>
    public static Task CheckpointAsync(LexHellerDb db, CancellationToken ct = default) => DatabaseEngine.For(db).PurgeRemovedFromStorageAsync(db, ct);
}
