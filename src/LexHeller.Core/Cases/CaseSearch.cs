using System.Globalization;
using System.Text;
using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Cases;

/// <summary>
/// The SQLite full-text index of case texts (table CaseSearch, kept in step by triggers), and the clean-up
/// after a redaction that leaves the removed words nowhere in the database file.
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
    public static IQueryable<int> Matching(LexHellerDb db, string match) =>
        db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM CaseSearch WHERE CaseSearch MATCH {match}");

    /// <summary>
    /// How many of a förbund's submitted cases match, counting no further than <paramref name="cap"/>. The CROSS JOIN
    /// keeps SQLite walking the matches and looking each case up by id; left to choose, it may walk the förbund's
    /// cases and probe the matches instead, which on a million cases costs seconds.
    /// </summary>
    public static Task<int> CountSubmittedAsync(LexHellerDb db, string match, int forbundId, int cap, CancellationToken ct = default) =>
        db.Database.SqlQuery<int>(
            $"SELECT COUNT(*) AS Value FROM (SELECT 1 FROM CaseSearch s CROSS JOIN Cases c ON c.Id = s.rowid WHERE CaseSearch MATCH {match} AND c.ForbundId = {forbundId} AND c.State <> 'Utkast' LIMIT {cap})")
            .SingleAsync(ct);

    // After a redaction the removed words must be nowhere in the file: the index is merged so deleted entries are
    // dropped, and the WAL is checkpointed into the database file (secure_delete is on for every connection, so
    // freed space is zeroed) and truncated.

    /// <summary>Merges the search index so deleted entries are dropped; a write, so it belongs in the redaction's transaction.</summary>
    public static Task OptimizeAsync(LexHellerDb db, CancellationToken ct = default) =>
        db.Database.ExecuteSqlRawAsync("INSERT INTO CaseSearch (CaseSearch) VALUES ('optimize');", ct);

    /// <summary>Copies the WAL into the database file and truncates it; only after the commit, outside any transaction.</summary>
    public static Task CheckpointAsync(LexHellerDb db, CancellationToken ct = default) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
}
