using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Retention;

/// <summary>Who holds a case past its gallring date, since when and why.</summary>
public sealed record HoldView(string Reason, DateTimeOffset HeldAt, string HeldBy);

/// <summary>
/// A case whose gallring date falls on or before the day asked about: its Stockholm date, and why it will not be
/// gallrad that day (held, on an open agenda, in an open referral), or null when nothing stands in the way.
/// </summary>
public sealed record DueCase(int CaseId, string? Reference, CaseKind Kind, CaseState State, string? Category, DateOnly DueDate,
    HoldView? Hold, string? Refusal);

/// <summary>
/// When each case of a förbund is gallrad under its retention rule, in Stockholm days: a concluded case the given
/// number of years after the day it was concluded, a rejected or withdrawn case after the day of that decision (the
/// timeline's last step into the state), a draft the given number of days after its last change. A case in any other
/// state is still being handled and is never due. The same query serves the kansli's list and the nightly job, so
/// what the list says is what the night does.
/// </summary>
public sealed class RetentionSchedule(LexHellerDb db)
{
    public const string HeldRefusal = "Gallras inte: kansliet håller kvar ärendet.";
    public const string AgendaRefusal = "Gallras inte: ärendet står på dagordningen för ett BUG-möte som inte är avslutat.";
    public const string ReferralRefusal = "Gallras inte: ärendet är remitterat och alla parter har inte svarat.";

    /// <summary>The förbund's own periods, or the defaults when it never set any.</summary>
    public async Task<RetentionPeriods> PeriodsAsync(int forbundId, CancellationToken ct = default) =>
        await db.RetentionRules.AsNoTracking().Where(r => r.ForbundId == forbundId).Select(r => new RetentionPeriods(r.ConcludedYears, r.ClosedYears, r.DraftDays, r.AccessLogYears, r.OutboxDays)).FirstOrDefaultAsync(ct)
        ?? RetentionPeriods.Defaults;

    /// <summary>The förbund's cases not yet gallrad whose date is on or before <paramref name="until"/>, earliest first.</summary>
    public async Task<IReadOnlyList<DueCase>> DueAsync(int forbundId, DateOnly until, CancellationToken ct = default)
    {
        var p = await PeriodsAsync(forbundId, ct);
        return await DueAsync(db.Cases.Where(c => c.ForbundId == forbundId), p, until, ct);
    }

    /// <summary>One case, as the nightly job checks it again inside its transaction; null when it is not due.</summary>
    public async Task<DueCase?> DueCaseAsync(int caseId, DateOnly until, CancellationToken ct = default)
    {
        var forbundId = await db.Cases.Where(c => c.Id == caseId).Select(c => (int?)c.ForbundId).FirstOrDefaultAsync(ct);
        if (forbundId is not { } f) return null;
        var p = await PeriodsAsync(f, ct);
        return (await DueAsync(db.Cases.Where(c => c.Id == caseId), p, until, ct)).FirstOrDefault();
    }

    /// <summary>The gallring date of a case in a given state, from the instant that starts its period.</summary>
    public static DateOnly? DueDate(CaseState state, DateTimeOffset? from, RetentionPeriods p)
    {
        if (from is not { } at) return null;
        var day = Stockholm.Today(at);
        return state switch
        {
            CaseState.Utkast => day.AddDays(p.DraftDays),
            CaseState.Avslutad => day.AddYears(p.ConcludedYears),
            CaseState.Avvisad or CaseState.Aterkallad => day.AddYears(p.ClosedYears),
            CaseState.Inkommen or CaseState.UnderGranskning or CaseState.KompletteringBegard or CaseState.RedoForBug
                or CaseState.BehandlasIBug or CaseState.RemitteradTillPart or CaseState.Besvarad => null,
        };
    }

    private async Task<IReadOnlyList<DueCase>> DueAsync(IQueryable<Case> cases, RetentionPeriods p, DateOnly until, CancellationToken ct)
    {
        // A case is due by `until` when the Stockholm day its period starts is on or before `until` less the period:
        // that is, when the period started before the next Stockholm midnight of that day.
        var draftsBefore = NextMidnight(until.AddDays(-p.DraftDays));
        var concludedBefore = NextMidnight(until.AddYears(-p.ConcludedYears));
        var closedBefore = NextMidnight(until.AddYears(-p.ClosedYears));
        var rows = await cases.AsNoTracking()
            .Where(c => c.GallradAt == null)
            .Select(c => new
            {
                Case = c,
                Closed = c.State == CaseState.Avvisad || c.State == CaseState.Aterkallad
                    ? db.CaseEvents.Where(e => e.CaseId == c.Id && e.ToState == c.State).Max(e => (DateTimeOffset?)e.At)
                    : null,
            })
            .Where(x => (x.Case.State == CaseState.Utkast && x.Case.UpdatedAt < draftsBefore)
                || (x.Case.State == CaseState.Avslutad && x.Case.ConcludedAt < concludedBefore)
                || ((x.Case.State == CaseState.Avvisad || x.Case.State == CaseState.Aterkallad) && x.Closed < closedBefore))
            .Select(x => new
            {
                x.Case.Id, x.Case.Reference, x.Case.Kind, x.Case.State, x.Case.UpdatedAt, x.Case.ConcludedAt, x.Closed,
                Category = db.Categories.Where(k => k.Id == x.Case.CategoryId).Select(k => k.Name).FirstOrDefault(),
                Hold = db.RetentionHolds.Where(h => h.CaseId == x.Case.Id)
                    .Select(h => new { h.Reason, h.HeldAt, Who = db.Users.Where(u => u.Id == h.HeldByUserId).Select(u => u.FullName).FirstOrDefault() })
                    .FirstOrDefault(),
                OnAgenda = db.AgendaItems.Any(i => i.CaseId == x.Case.Id && i.RemovedAt == null
                    && db.Meetings.Any(m => m.Id == i.MeetingId && m.CancelledAt == null && m.MinutesFinalisedAt == null)),
                OpenReferral = db.CaseReferrals.Any(r => r.CaseId == x.Case.Id && r.Status == ReferralStatus.Pending),
            })
            .ToListAsync(ct);
        return rows
            .Select(r => new DueCase(r.Id, r.Reference, r.Kind, r.State, r.Category,
                DueDate(r.State, r.State switch { CaseState.Utkast => r.UpdatedAt, CaseState.Avslutad => r.ConcludedAt, _ => r.Closed }, p)!.Value,
                r.Hold is null ? null : new HoldView(r.Hold.Reason, r.Hold.HeldAt, r.Hold.Who ?? "Borttagen användare"),
                r.Hold is not null ? HeldRefusal : r.OnAgenda ? AgendaRefusal : r.OpenReferral ? ReferralRefusal : null))
            .OrderBy(d => d.DueDate).ThenBy(d => d.Reference, StringComparer.Ordinal).ThenBy(d => d.CaseId)
            .ToList();
    }

    private static DateTimeOffset NextMidnight(DateOnly day) => Stockholm.ToUtc(day.AddDays(1), TimeOnly.MinValue);
}
