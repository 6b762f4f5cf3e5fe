using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Bug;

/// <summary>
/// A case as BUG members and parties may see it: the report and the answer duties, never who filed it. Shared by the
/// response page and the PDF so both print the same thing; the reporter's fields are not copied into it at all.
/// </summary>
public sealed record BugCase(
    int Id,
    int ForbundId,
    string Reference,
    CaseKind Kind,
    CaseState State,
    string? Category,
    IReadOnlyList<string> Parties,
    DateOnly? EventDate,
    string? WhatHappened,
    string? Consequences,
    string? Suggestion,
    IReadOnlyList<CasePdfRuleConflict> RuleConflicts,
    CasePdfHandover? Handover,
    IReadOnlyList<BugCase.Referral> Referrals,
    BugCase.Ending? Conclusion)
{
    /// <summary>How a concluded case ended; only while it stays concluded, as the case page shows it.</summary>
    public sealed record Ending(CaseOutcome Outcome, string Summary, string Answer, bool IsPublished);

    /// <summary>A party's answer duty; <paramref name="Response"/> only once submitted, drafts stay with the party.</summary>
    public sealed record Referral(int OrganisationId, string Organisation, int Round, ReferralStatus Status, DateOnly DueDate,
        DateTimeOffset? AnsweredAt, string? Response)
    {
        public bool IsOverdue(DateOnly today) => Status == ReferralStatus.Pending && DueDate < today;
    }

    public int CurrentRound => Referrals.Count == 0 ? 0 : Referrals.Max(r => r.Round);

    public IEnumerable<Referral> CurrentReferrals => Referrals.Where(r => r.Round == CurrentRound);

    /// <summary>Shared texts show the month, not the day.</summary>
    public string? EventMonth => EventDate is { } d ? CasePdf.Month(d) : null;

    /// <param name="c">Loaded with its parties, rule conflicts and referrals.</param>
    public static async Task<BugCase> FromAsync(LexHellerDb db, Case c)
    {
        var orgIds = c.Parties.Select(p => p.OrganisationId)
            .Concat(c.RuleConflicts.SelectMany(r => new[] { r.PartyAOrganisationId, r.PartyBOrganisationId }))
            .Concat(c.Referrals.Select(r => (int?)r.OrganisationId))
            .Append(c.HandoverFromOrganisationId).Append(c.HandoverToOrganisationId)
            .OfType<int>().Distinct().ToList();
        var names = await db.Organisations.Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        string Name(int? orgId, string? other) => orgId is { } i ? names.GetValueOrDefault(i, "?") : other ?? "–";
        var category = await db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefaultAsync();
        var sv = StringComparer.Create(Stockholm.Culture, false);

        var handover = c.Kind != CaseKind.Overlamning ? null : new CasePdfHandover(
            c.HandoverFromOrganisationId is null ? null : Name(c.HandoverFromOrganisationId, null),
            c.HandoverToOrganisationId is null ? null : Name(c.HandoverToOrganisationId, null),
            c.HandoverSentDate is { } sent ? CasePdf.Month(sent) : null,
            c.HandoverReceived switch { true => "Ja", false => "Nej", null => null },
            c.DaysWaited);

        return new BugCase(c.Id, c.ForbundId, c.Reference ?? "", c.Kind, c.State, category,
            c.Parties.Select(p => Name(p.OrganisationId, p.OtherActorName)).ToList(),
            c.EventDate, c.WhatHappened, c.Consequences, c.Suggestion,
            c.RuleConflicts.OrderBy(r => r.Position)
                .Select(r => new CasePdfRuleConflict(Name(r.PartyAOrganisationId, r.PartyAName), r.RequirementA, r.RuleA,
                    Name(r.PartyBOrganisationId, r.PartyBName), r.RequirementB, r.RuleB)).ToList(),
            handover,
            c.Referrals.OrderBy(r => r.Round).ThenBy(r => Name(r.OrganisationId, null), sv)
                .Select(r => new Referral(r.OrganisationId, Name(r.OrganisationId, null), r.Round, r.Status, r.DueDate, r.AnsweredAt,
                    r.Status == ReferralStatus.Answered ? r.Response : null)).ToList(),
            c.State == CaseState.Avslutad && c.Outcome is { } outcome
                ? new Ending(outcome, c.Summary ?? "", c.Answer ?? "", c.IsPublished)
                : null);
    }

    /// <summary>The cases a BUG page loads: everything <see cref="FromAsync"/> reads.</summary>
    public static IQueryable<Case> Query(LexHellerDb db) =>
        db.Cases.Include(c => c.Parties).Include(c => c.RuleConflicts).Include(c => c.Referrals).AsSplitQuery();

    public static DateOnly Today(TimeProvider clock) => Stockholm.Today(clock.GetUtcNow());

    /// <summary>
    /// What the PDF prints: the same view, in words. Whether the answer is published is said only
    /// <paramref name="withPublication"/>, for the kansli, as on the case page.
    /// </summary>
    public CasePdfContent ToPdf(string forbundName, DateTimeOffset now, bool withPublication) => new(
        forbundName, Reference, Kind.DisplayName(), State.DisplayName(), Category, Parties, EventMonth,
        WhatHappened, Consequences, Suggestion, RuleConflicts,
        Referrals.Select(r => new CasePdfResponse(
            CurrentRound > 1 ? $"{r.Organisation} (remissomgång {r.Round})" : r.Organisation,
            r.Status.DisplayName(), r.DueDate.ToString("yyyy-MM-dd"), r.Response)).ToList(),
        Handover, Stockholm.Format(now),
        Conclusion is { } e
            ? new CasePdfConclusion(e.Outcome.DisplayName(), e.Summary, e.Answer,
                !withPublication ? null : e.IsPublished ? "Svaret är publicerat för förbundets användare." : "Svaret är inte publicerat.")
            : null);
}
