using LexHeller.Core.Data;
using LexHeller.Core.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Cases;

/// <summary>
/// The words the guard read as a person's name in one field of the reporter's form, which the reporter may confirm
/// name no person. The form sends them back with the tick as one value ("WhatHappened|Anna Lindh-skolan"), so a
/// tick covers exactly the words the reporter was shown: a name written after the tick is refused again.
/// </summary>
public sealed record NameCheck(string Field, IReadOnlyList<string> Words)
{
    private const char Separator = '|';

    /// <summary>The value of the field's checkbox.</summary>
    public string Value => string.Join(Separator, Words.Prepend(Field));

    /// <summary>A checkbox value as sent; null for one that is not of this form.</summary>
    public static NameCheck? Parse(string? value)
    {
        var parts = value?.Split(Separator, StringSplitOptions.TrimEntries) ?? [];
        return parts.Length < 2 || parts[0].Length == 0 ? null : new NameCheck(parts[0], parts[1..].Where(w => w.Length > 0).ToList());
    }

    /// <summary>
    /// One field's hits: refused when any of them is refused outright, confirmable when all of them are possible names.
    /// </summary>
    public static NameCheck Of(string field, IEnumerable<PersonalDataHit> hits) =>
        new(field, hits.Select(h => h.Passage).Distinct(StringComparer.InvariantCultureIgnoreCase).ToList());

    /// <summary>True when the tick covers every word this check found.</summary>
    public bool CoveredBy(NameCheck? ticked) =>
        ticked is not null && ticked.Field == Field
        && Words.All(w => ticked.Words.Contains(w, StringComparer.InvariantCultureIgnoreCase));
}

/// <summary>
/// A word in a report the guard read as a person's name and the reporter confirmed is not one (the name of a school,
/// a place or a law). Kept with the draft it was confirmed in and replaced each time the draft is saved, so the
/// kansli sees what the reporter vouched for in the text as it stands.
/// </summary>
public class CaseNameConfirmation
{
    public const int FieldMax = 60;
    public const int WordsMax = 200;

    private CaseNameConfirmation() { }

    internal CaseNameConfirmation(Case c, string field, string words, DateTimeOffset now)
    {
        Case = c;
        Field = field;
        Words = words;
        ConfirmedAt = now;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public Case Case { get; private set; } = null!;

    /// <summary>The form field, as the filing's errors name it ("WhatHappened", "RuleConflicts[0].RuleA").</summary>
    public string Field { get; private set; } = "";

    /// <summary>The passage as the guard found it ("Anna Lindh-skolan").</summary>
    public string Words { get; private set; } = "";

    public DateTimeOffset ConfirmedAt { get; private set; }

    /// <summary>A saved draft's confirmations, per field as the form ticks them.</summary>
    public static async Task<IReadOnlyList<NameCheck>> ChecksAsync(LexHellerDb db, int caseId, CancellationToken ct = default) =>
        (await db.CaseNameConfirmations
            .Where(n => n.CaseId == caseId)
            .OrderBy(n => n.Id)
            .Select(n => new { n.Field, n.Words })
            .ToListAsync(ct))
        .GroupBy(n => n.Field)
        .Select(g => new NameCheck(g.Key, g.Select(n => n.Words).ToList()))
        .ToList();

    public static string Line(string words) => $"Rapportören bekräftade att ”{words}” inte är ett personnamn.";
}

internal sealed class CaseNameConfirmationConfiguration : IEntityTypeConfiguration<CaseNameConfirmation>
{
    public void Configure(EntityTypeBuilder<CaseNameConfirmation> b)
    {
        b.Property(n => n.Field).HasMaxLength(CaseNameConfirmation.FieldMax).IsRequired();
        b.Property(n => n.Words).HasMaxLength(CaseNameConfirmation.WordsMax).IsRequired();
        b.HasOne(n => n.Case).WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
