using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Cases;

/// <summary>
/// What waits for each role when they open Lex Heller: the counts and short lists of the start page, per förbund
/// and, for a BUG member, per organisation they answer for. The kansli's counts use the same definitions as the
/// inbox filters the start page links to, counted in Stockholm days on the injected clock. Each role's part is one
/// or two statements, every one of them walking an index.
/// </summary>
public sealed class WorkQueues(LexHellerDb db, TimeProvider clock)
{
    /// <summary>A question to the reporter counts as waiting once it was asked more than this many days ago. The
    /// inbox's filter owns the number: each line counts what its link lists.</summary>
    public const int ReporterWaitDays = InboxQuery.ReporterWaitDays;

    /// <summary>A pending referral is "due soon" from this many days before its due date until the day itself.</summary>
    public const int DueSoonDays = InboxQuery.DueSoonDays;

    /// <summary>A measure not done is "due soon" from this many days before its due date until the day itself.</summary>
    public const int MeasureDueSoonDays = 7;

    /// <summary>How far back a finished compilation, and a change to a reporter's case, is news.</summary>
    public const int RecentDays = 30;

    /// <summary>How many of a list the start page shows; the rest are on the page it links to.</summary>
    public const int ListLength = 10;

    public sealed record NextMeeting(int Id, DateTimeOffset StartsAt, DateTimeOffset AgendaClosesAt, bool Dispatched, int Items);

    /// <param name="CompilationsReady">The förbund's own compilations finished in the last <see cref="RecentDays"/> days.</param>
    public sealed record Kansli(int NewToScreen, int WaitingOnReporter, int ReadyForBug, int ReferralsOverdue, int ReferralsDueSoon,
        int CompilationsReady, NextMeeting? Meeting, int MeasuresOverdue = 0, int MeasuresDueSoon = 0, int FollowUpsDue = 0)
    {
        public bool NothingWaits => NewToScreen == 0 && WaitingOnReporter == 0 && ReadyForBug == 0 && ReferralsOverdue == 0
            && ReferralsDueSoon == 0 && CompilationsReady == 0 && MeasuresOverdue == 0 && MeasuresDueSoon == 0 && FollowUpsDue == 0;
    }

    public sealed record Answer(int CaseId, string Reference, int OrganisationId, string Organisation, DateOnly DueDate, bool Overdue, int DaysLeft);

    /// <param name="Total">All the answers still to write; <see cref="Answers"/> holds the first <see cref="ListLength"/>, overdue first.</param>
    /// <param name="Approvals">Texts of concluded cases the member's organisations are asked to approve before publication.</param>
    public sealed record Bug(int Total, IReadOnlyList<Answer> Answers, IReadOnlyList<Approval> Approvals);

    /// <summary>A text waiting for the organisation's approval before it is published, due on <paramref name="DueDate"/>.</summary>
    public sealed record Approval(int CaseId, string Reference, string Organisation, DateOnly DueDate);

    public sealed record Question(int CaseId, string Reference, DateTimeOffset? AskedAt);

    public sealed record Change(int CaseId, string Reference, CaseState To, DateTimeOffset At)
    {
        /// <summary>The change in words, with the Stockholm day: "LH-INS-2026-0012 avslutades 3/12".</summary>
        public string Text => $"{Reference} {Happened(To)} {ShortDate(Stockholm.Today(At))}";
    }

    public sealed record Reporter(IReadOnlyList<Question> Questions, IReadOnlyList<Change> Changes);

    public sealed record Compiled(int Id, PeriodKind Kind, DateOnly From, DateOnly To, DateTimeOffset? ComputedAt);

    public sealed record Published(int Id, string Reference, DateTimeOffset? PublishedAt);

    public sealed record Styrelse(Compiled? LatestCompilation, IReadOnlyList<Published> LatestAnswers);

    /// <summary>A day as the start page writes it, day and month: "14/1".</summary>
    public static string ShortDate(DateOnly day) => $"{day.Day}/{day.Month}";

    /// <summary>What happened to a case when it reached a state, as a past-tense verb phrase for the reporter.</summary>
    public static string Happened(CaseState to) => to switch
    {
        CaseState.Utkast => "blev ett utkast igen",
        CaseState.Inkommen => "skickades in",
        CaseState.UnderGranskning => "togs om hand av kansliet",
        CaseState.KompletteringBegard => "fick en fråga från kansliet",
        CaseState.RedoForBug => "lämnades till beredningsgruppen (BUG)",
        CaseState.BehandlasIBug => "togs upp i beredningsgruppen (BUG)",
        CaseState.RemitteradTillPart => "skickades till parterna för svar",
        CaseState.Besvarad => "besvarades av parterna",
        CaseState.Avslutad => "avslutades",
        CaseState.Avvisad => "avvisades",
        CaseState.Aterkallad => "återkallades",
    };

    private DateOnly Today => Stockholm.Today(clock.GetUtcNow());

    private static DateTimeOffset StartOf(DateOnly day) => Stockholm.ToUtc(day, TimeOnly.MinValue);

    /// <summary>
    /// The kansli's counts in one statement (the per-state counts from the table the database keeps, the rest
    /// from the state index and each case's own questions and referrals), then the next meeting.
    /// </summary>
    public async Task<Kansli> KansliAsync(int forbundId, CancellationToken ct = default)
    {
        var today = Today;
        var asked = StartOf(today.AddDays(-ReporterWaitDays));
        var soon = today.AddDays(DueSoonDays);
        // The inbox's own filters, so that each line counts what its link lists.
        var waiting = CaseQueues.WaitingOnReporter(asked);
        var overdue = CaseQueues.ReferralOverdue(today);
        var dueSoon = CaseQueues.ReferralDueSoon(today, soon);
        var finishedSince = clock.GetUtcNow().AddDays(-RecentDays);
        var measuresSoon = today.AddDays(MeasureDueSoonDays);
        var counts = await db.Forbund.AsNoTracking().Where(f => f.Id == forbundId)
            .Select(f => new
            {
                New = db.CaseStateCounts.Where(s => s.ForbundId == f.Id && s.State == CaseState.Inkommen).Select(s => s.Count).FirstOrDefault(),
                Ready = db.CaseStateCounts.Where(s => s.ForbundId == f.Id && s.State == CaseState.RedoForBug).Select(s => s.Count).FirstOrDefault(),
                Waiting = db.Cases.Where(c => c.ForbundId == f.Id).Count(waiting),
                Overdue = db.Cases.Where(c => c.ForbundId == f.Id).Count(overdue),
                DueSoon = db.Cases.Where(c => c.ForbundId == f.Id).Count(dueSoon),
                Compiled = db.Compilations.Count(k => k.ForbundId == f.Id && k.Scope == CompilationScope.Forbund
                    && k.Status == CompilationStatus.Done && k.ComputedAt >= finishedSince),
                // The measures page's own filters: försenade, att göra within the week, att följa upp.
                MeasuresOverdue = db.Measures.Count(m => m.ForbundId == f.Id && m.DoneAt == null && m.DueDate < today),
                MeasuresDueSoon = db.Measures.Count(m => m.ForbundId == f.Id && m.DoneAt == null && m.DueDate >= today && m.DueDate <= measuresSoon),
                FollowUpsDue = db.Measures.Count(m => m.ForbundId == f.Id && m.DoneAt != null && m.FollowedUpAt == null && m.FollowUpDate <= today),
            })
            .SingleAsync(ct);
        var meetings = await NextMeetingsAsync([forbundId], ct);
        return new Kansli(counts.New, counts.Waiting, counts.Ready, counts.Overdue, counts.DueSoon, counts.Compiled,
            meetings.GetValueOrDefault(forbundId), counts.MeasuresOverdue, counts.MeasuresDueSoon, counts.FollowUpsDue);
    }

    /// <summary>
    /// Per förbund the earliest meeting not cancelled and not over (one under way still counts), with the number of
    /// items on its agenda. One statement.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, NextMeeting>> NextMeetingsAsync(IReadOnlyCollection<int> forbundIds, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow() - MeetingCalendar.DefaultLength;
        var rows = await db.Meetings.AsNoTracking()
            .Where(m => forbundIds.Contains(m.ForbundId) && m.CancelledAt == null && m.StartsAt > since
                && !db.Meetings.Any(o => o.ForbundId == m.ForbundId && o.CancelledAt == null && o.StartsAt > since
                    && (o.StartsAt < m.StartsAt || (o.StartsAt == m.StartsAt && o.Id < m.Id))))
            .Select(m => new { m.ForbundId, Meeting = new NextMeeting(m.Id, m.StartsAt, m.AgendaClosesAt, m.AgendaClosedAt != null, m.Items.Count(i => i.RemovedAt == null)) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.ForbundId, r => r.Meeting);
    }

    /// <summary>
    /// The answers a BUG member's organisations still owe in this förbund: pending referrals, overdue first, then by
    /// due date. One statement, driven by the referrals' (organisation, status, due date) index.
    /// </summary>
    public async Task<Bug> BugAsync(int forbundId, IReadOnlyCollection<int> organisationIds, CancellationToken ct = default)
    {
        if (organisationIds.Count == 0) return new Bug(0, [], []);
        var today = Today;
        var rows = await db.CaseReferrals.AsNoTracking()
            .Where(r => organisationIds.Contains(r.OrganisationId) && r.Status == ReferralStatus.Pending)
            .Join(db.Cases.Where(c => c.ForbundId == forbundId && c.State == CaseState.RemitteradTillPart), r => r.CaseId, c => c.Id,
                (r, c) => new { r.CaseId, c.Reference, r.OrganisationId, r.DueDate })
            .OrderBy(x => x.DueDate).ThenBy(x => x.Reference)
            .Select(x => new
            {
                x.CaseId,
                x.Reference,
                x.OrganisationId,
                Organisation = db.Organisations.Where(o => o.Id == x.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                x.DueDate,
                Total = db.CaseReferrals.Count(r => organisationIds.Contains(r.OrganisationId) && r.Status == ReferralStatus.Pending
                    && db.Cases.Any(c => c.Id == r.CaseId && c.ForbundId == forbundId && c.State == CaseState.RemitteradTillPart)),
            })
            .Take(ListLength)
            .ToListAsync(ct);
        var answers = rows.Select(r => new Answer(r.CaseId, r.Reference ?? "", r.OrganisationId, r.Organisation ?? "?", r.DueDate,
            r.DueDate < today, r.DueDate.DayNumber - today.DayNumber)).ToList();
        var approvals = await db.PublicationApprovals.AsNoTracking()
            .Where(a => organisationIds.Contains(a.OrganisationId) && a.ApprovedAt == null)
            .Join(db.Cases.Where(c => c.ForbundId == forbundId && c.State == CaseState.Avslutad && !c.IsPublished), a => a.CaseId, c => c.Id,
                (a, c) => new { a.CaseId, c.Reference, a.OrganisationId, a.DueDate })
            .OrderBy(x => x.DueDate).ThenBy(x => x.Reference)
            .Select(x => new Approval(x.CaseId, x.Reference ?? "", db.Organisations.Where(o => o.Id == x.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? "?", x.DueDate))
            .Take(ListLength)
            .ToListAsync(ct);
        return new Bug(rows.Count == 0 ? 0 : rows[0].Total, answers, approvals);
    }

    /// <summary>
    /// A reporter's questions to answer (their cases in this förbund waiting for a completion) and what others did
    /// to their cases in the last <see cref="RecentDays"/> days, newest first. Two statements on the (reporter,
    /// updated) index of cases and the (case, time) index of events.
    /// </summary>
    public async Task<Reporter> ReporterAsync(int forbundId, string userId, CancellationToken ct = default)
    {
        var questions = await db.Cases.AsNoTracking()
            .Where(c => c.ReporterUserId == userId && c.ForbundId == forbundId && c.State == CaseState.KompletteringBegard)
            // In reference order, so that SQLite walks the few cases of the state in the (förbund, state, reference)
            // index rather than every case of the förbund by time.
            .OrderByDescending(c => c.ReferenceYear).ThenByDescending(c => c.ReferenceSequence)
            .Select(c => new Question(c.Id, c.Reference!, c.Questions.Where(q => q.Answer == null).Max(q => (DateTimeOffset?)q.AskedAt)))
            .Take(ListLength)
            .ToListAsync(ct);
        var since = clock.GetUtcNow().AddDays(-RecentDays);
        var changes = await db.Cases.AsNoTracking()
            .Where(c => c.ReporterUserId == userId && c.UpdatedAt >= since && c.ForbundId == forbundId)
            .Join(db.CaseEvents.Where(e => e.At >= since && e.FromState != e.ToState && e.ActorUserId != userId), c => c.Id, e => e.CaseId,
                (c, e) => new { e.Id, CaseId = c.Id, c.Reference, e.ToState, e.At })
            .OrderByDescending(x => x.At).ThenByDescending(x => x.Id)
            .Take(ListLength)
            .ToListAsync(ct);
        return new Reporter(questions, changes.Select(x => new Change(x.CaseId, x.Reference ?? "", x.ToState, x.At)).ToList());
    }

    /// <summary>The förbund's latest finished compilation and its latest published answers. One statement each.</summary>
    public async Task<Styrelse> StyrelseAsync(int forbundId, int answers = 3, CancellationToken ct = default)
    {
        var compilation = await db.Compilations.AsNoTracking()
            .Where(k => k.ForbundId == forbundId && k.Scope == CompilationScope.Forbund && k.Status == CompilationStatus.Done)
            .OrderByDescending(k => k.ComputedAt).ThenByDescending(k => k.Id)
            .Select(k => new Compiled(k.Id, k.PeriodKind, k.From, k.To, k.ComputedAt))
            .FirstOrDefaultAsync(ct);
        var published = await db.Cases.AsNoTracking()
            .Where(c => c.ForbundId == forbundId && c.IsPublished)
            .OrderByDescending(c => c.PublishedAt)
            .Select(c => new Published(c.Id, c.Reference!, c.PublishedAt))
            .Take(answers)
            .ToListAsync(ct);
        return new Styrelse(compilation, published);
    }
}
