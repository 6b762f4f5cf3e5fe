using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Disclosure;

/// <summary>One text of a case the kansli may mask, keyed so a mask keeps pointing at it.</summary>
public sealed record DisclosureField(string Key, string Label, string? Text);

/// <summary>A provision of offentlighets- och sekretesslagen the kansli picks from, with what it protects.</summary>
public sealed record DisclosureProvision(string Citation, string Protects);

/// <summary>
/// A picked case as it will be released: its maskable texts as written (for the kansli's form) and the content of
/// the copy with every masked passage already replaced, which is all the preview and the PDF are ever given.
/// </summary>
public sealed record DisclosureCaseView(int CaseId, string Reference, IReadOnlyList<DisclosureField> Fields, CasePdfContent Released);

/// <summary>
/// How masking works. A passage is marked in one text of a case, but it is struck wherever it occurs in that case
/// (as the redaction finds it: Swedish case-insensitively), because a secret name is no less secret in the next
/// field. Matches are found in the original text and struck in one pass, so a mask never matches inside the mark
/// that replaced another; overlapping passages become one mark naming both provisions.
/// </summary>
public static class DisclosureText
{
    public const string OtherProvision = "annan";

    public static readonly IReadOnlyList<DisclosureProvision> Provisions =
    [
        new("26 kap. 1 § OSL", "Socialtjänst"),
        new("25 kap. 1 § OSL", "Hälso- och sjukvård"),
        new("28 kap. 1 § OSL", "Försäkringskassan (socialförsäkringen)"),
        new("21 kap. 1 § OSL", "Uppgifter om hälsa eller sexualliv"),
    ];

    /// <summary>What the copy says instead of the reporter, who is never part of it.</summary>
    public const string ReporterWithheld = "Rapportörens namn och kontaktuppgifter lämnas inte ut.";

    public static string Mark(string provision) => $"[Sekretess enligt {provision}]";

    /// <summary>The text with every occurrence of every passage replaced by the mark of its provision.</summary>
    public static string Mask(string text, IEnumerable<(string Passage, string Provision)> masks)
    {
        var spans = masks
            .SelectMany(m => CaseRedaction.Find(text, m.Passage).Select(f => (Start: f.Start, End: f.Start + f.Length, m.Provision)))
            .OrderBy(s => s.Start).ThenByDescending(s => s.End)
            .ToList();
        if (spans.Count == 0) return text;
        var result = new System.Text.StringBuilder(text.Length);
        var at = 0;
        var i = 0;
        while (i < spans.Count)
        {
            var start = spans[i].Start;
            var end = spans[i].End;
            var provisions = new List<string> { spans[i].Provision };
            for (i++; i < spans.Count && spans[i].Start < end; i++)
            {
                end = Math.Max(end, spans[i].End);
                if (!provisions.Contains(spans[i].Provision)) provisions.Add(spans[i].Provision);
            }
            result.Append(text, at, start - at).Append(Mark(string.Join(" och ", provisions)));
            at = end;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>The picked cases of a förbund as they will be released with <paramref name="masks"/>, in the order given.</summary>
    public static async Task<IReadOnlyList<DisclosureCaseView>> LoadAsync(LexHellerDb db, int forbundId, IReadOnlyList<int> caseIds,
        IReadOnlyCollection<DisclosureMask> masks, DateTimeOffset printedAt, CancellationToken ct = default)
    {
        var cases = await db.Cases.AsNoTracking()
            .Include(c => c.Parties).Include(c => c.RuleConflicts).Include(c => c.Referrals)
            .AsSplitQuery()
            .Where(c => c.ForbundId == forbundId && caseIds.Contains(c.Id))
            .ToListAsync(ct);
        var orgIds = cases.SelectMany(c => c.Parties.Select(p => p.OrganisationId)
                .Concat(c.RuleConflicts.SelectMany(r => new[] { r.PartyAOrganisationId, r.PartyBOrganisationId }))
                .Concat(c.Referrals.Select(r => (int?)r.OrganisationId))
                .Append(c.HandoverFromOrganisationId).Append(c.HandoverToOrganisationId))
            .OfType<int>().Distinct().ToList();
        var names = await db.Organisations.Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var categoryIds = cases.Select(c => c.CategoryId).OfType<int>().Distinct().ToList();
        var categories = await db.Categories.Where(k => categoryIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, ct);
        var forbund = await db.Forbund.Where(f => f.Id == forbundId).Select(f => f.Name).SingleAsync(ct);
        string Name(int? orgId, string? other) => orgId is { } i ? names.GetValueOrDefault(i, "?") : other ?? "–";

        return caseIds.Select(id => cases.FirstOrDefault(c => c.Id == id)).OfType<Case>().Select(c =>
        {
            var own = masks.Where(m => m.CaseId == c.Id).Select(m => (m.Passage, m.Provision)).ToList();
            string M(string text) => Mask(text, own);
            string? Mn(string? text) => text is null ? null : M(text);
            var conflicts = c.RuleConflicts.OrderBy(r => r.Position).ToList();
            var referrals = c.Referrals.Where(r => r.Status == ReferralStatus.Answered && r.Response is not null)
                .OrderBy(r => r.Round).ThenBy(r => Name(r.OrganisationId, null), StringComparer.Create(Stockholm.Culture, false)).ToList();
            var concluded = c.State == CaseState.Avslutad && c.Outcome is not null;

            var fields = new List<DisclosureField>
            {
                new("WhatHappened", "Vad hände?", c.WhatHappened),
                new("Consequences", "Konsekvenser för individen", c.Consequences),
                new("Suggestion", "Förslag på förbättring", c.Suggestion),
            };
            for (var i = 0; i < conflicts.Count; i++)
            {
                var r = conflicts[i];
                fields.Add(new($"Conflict{r.Position}.RequirementA", $"Regelkrock {i + 1}: {Name(r.PartyAOrganisationId, r.PartyAName)} kräver", r.RequirementA));
                fields.Add(new($"Conflict{r.Position}.RuleA", $"Regelkrock {i + 1}: regel för {Name(r.PartyAOrganisationId, r.PartyAName)}", r.RuleA));
                fields.Add(new($"Conflict{r.Position}.RequirementB", $"Regelkrock {i + 1}: {Name(r.PartyBOrganisationId, r.PartyBName)} kräver", r.RequirementB));
                fields.Add(new($"Conflict{r.Position}.RuleB", $"Regelkrock {i + 1}: regel för {Name(r.PartyBOrganisationId, r.PartyBName)}", r.RuleB));
            }
            foreach (var r in referrals) fields.Add(new($"Response{r.Id}", $"Svar från {Name(r.OrganisationId, null)}", r.Response));
            if (concluded)
            {
                fields.Add(new("Summary", "Sammanfattning av beslutet", c.Summary));
                fields.Add(new("Answer", "Svar i beslutet", c.Answer));
            }
            fields.RemoveAll(f => string.IsNullOrWhiteSpace(f.Text));

            var handover = c.Kind != CaseKind.Overlamning ? null : new CasePdfHandover(
                c.HandoverFromOrganisationId is null ? null : M(Name(c.HandoverFromOrganisationId, null)),
                c.HandoverToOrganisationId is null ? null : M(Name(c.HandoverToOrganisationId, null)),
                c.HandoverSentDate is { } sent ? CasePdf.Month(sent) : null,
                c.HandoverReceived switch { true => "Ja", false => "Nej", null => null },
                c.DaysWaited);
            var released = new CasePdfContent(
                forbund, c.Reference ?? "", c.Kind.DisplayName(), c.State.DisplayName(),
                c.CategoryId is { } k ? categories.GetValueOrDefault(k) : null,
                c.Parties.Select(p => M(Name(p.OrganisationId, p.OtherActorName))).ToList(),
                c.EventDate is { } d ? CasePdf.Month(d) : null,
                Mn(c.WhatHappened), Mn(c.Consequences), Mn(c.Suggestion),
                conflicts.Select(r => new CasePdfRuleConflict(M(Name(r.PartyAOrganisationId, r.PartyAName)), M(r.RequirementA), Mn(r.RuleA),
                    M(Name(r.PartyBOrganisationId, r.PartyBName)), M(r.RequirementB), Mn(r.RuleB))).ToList(),
                referrals.Select(r => new CasePdfResponse(M(Name(r.OrganisationId, null)), r.Status.DisplayName(), null, Mn(r.Response))).ToList(),
                handover, Stockholm.Format(printedAt),
                concluded ? new CasePdfConclusion(c.Outcome!.Value.DisplayName(), M(c.Summary ?? ""), M(c.Answer ?? ""), null) : null);
            return new DisclosureCaseView(c.Id, c.Reference ?? "", fields, released);
        }).ToList();
    }
}
