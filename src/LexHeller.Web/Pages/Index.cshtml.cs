using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages;

public class IndexModel(LexHellerDb db, TimeProvider clock) : PageModel
{
    public sealed record AgendaLine(AgendaItemKind Kind, int? CaseId, string? Text, bool Late);

    /// <summary>A förbund's next BUG meeting; its agenda is shown once it has gone out.</summary>
    public sealed record NextMeeting(int Id, DateTimeOffset StartsAt, string? Place, string? VideoLink, DateTimeOffset AgendaClosesAt, bool Dispatched,
        IReadOnlyList<AgendaLine> Agenda);

    /// <summary>For a BUG member: each förbund they sit in the BUG of, with its next meeting (null when none is planned).</summary>
    public IReadOnlyList<(string Forbund, NextMeeting? Meeting)> NextMeetings { get; private set; } = [];

    public MemberContext Member { get; private set; } = null!;

    /// <summary>What waits for each role the user has in the current förbund (null for a role they do not have).</summary>
    public WorkQueues.Kansli? Kansli { get; private set; }
    public WorkQueues.Bug? Bug { get; private set; }
    public WorkQueues.Reporter? Reporter { get; private set; }
    public WorkQueues.Styrelse? Styrelse { get; private set; }

    /// <summary>The moment of this request, from the injected clock.</summary>
    public DateTimeOffset Now { get; private set; }

    private Dictionary<int, string> _orgNames = [];

    public async Task OnGetAsync()
    {
        Member = HttpContext.Member()!;
        Now = clock.GetUtcNow();
        var ids = Member.Memberships.SelectMany(m => m.OrganisationIds).Distinct().ToList();
        if (ids.Count > 0) _orgNames = await db.Organisations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        var queues = new WorkQueues(db, clock);
        if (Member.Current is { } f)
        {
            if (Member.Has(MembershipRole.Kansli)) Kansli = await queues.KansliAsync(f.Id);
            if (Member.Has(MembershipRole.BugLedamot))
            {
                Bug = await queues.BugAsync(f.Id, Member.OrganisationsIn(f.Id, MembershipRole.BugLedamot));
            }
            if (Member.Has(MembershipRole.Rapportor)) Reporter = await queues.ReporterAsync(f.Id, Member.UserId);
            if (Member.Has(MembershipRole.Styrelse)) Styrelse = await queues.StyrelseAsync(f.Id);
        }
        await LoadNextMeetingsAsync();
    }

    /// <summary>A moment as the work queues write it: its Stockholm day, "14/1".</summary>
    public static string Day(DateTimeOffset utc) => WorkQueues.ShortDate(Stockholm.Today(utc));

    /// <summary>
    /// One statement: per förbund the earliest meeting not cancelled and not over (one still under way counts, so a
    /// member can open its agenda at the table), with its current items in agenda order.
    /// </summary>
    private async Task LoadNextMeetingsAsync()
    {
        var bug = Member.Memberships.Where(m => m.Role == MembershipRole.BugLedamot && m.ForbundId is not null)
            .DistinctBy(m => m.ForbundId).OrderBy(m => m.ForbundName, Stockholm.Comparer).ToList();
        if (bug.Count == 0) return;
        var forbundIds = bug.Select(m => m.ForbundId!.Value).ToList();
        var since = clock.GetUtcNow() - MeetingCalendar.DefaultLength;
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => forbundIds.Contains(m.ForbundId) && m.CancelledAt == null && m.StartsAt > since
                && !db.Meetings.Any(o => o.ForbundId == m.ForbundId && o.CancelledAt == null && o.StartsAt > since
                    && (o.StartsAt < m.StartsAt || (o.StartsAt == m.StartsAt && o.Id < m.Id))))
            .Select(m => new
            {
                m.ForbundId,
                Meeting = new NextMeeting(m.Id, m.StartsAt, m.Place, m.VideoLink, m.AgendaClosesAt, m.AgendaClosedAt != null,
                    m.Items.Where(i => i.RemovedAt == null).OrderBy(i => i.Position).ThenBy(i => i.Id)
                        .Select(i => new AgendaLine(i.Kind, i.CaseId, i.CaseId == null ? i.Title : db.Cases.Where(c => c.Id == i.CaseId).Select(c => c.Reference).FirstOrDefault(), i.Late))
                        .ToList()),
            })
            .ToListAsync();
        var byForbund = meetings.ToDictionary(m => m.ForbundId, m => m.Meeting);
        NextMeetings = bug.Select(m => (m.ForbundName ?? "", byForbund.GetValueOrDefault(m.ForbundId!.Value))).ToList();
    }

    public IEnumerable<string> OrganisationsIn(MembershipRole role) =>
        Member.Memberships.Where(m => m.Role == role && m.ForbundId == Member.Current?.Id)
            .SelectMany(m => m.OrganisationIds).Select(id => _orgNames.GetValueOrDefault(id, "?")).Order(Stockholm.Comparer);
}
