using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Meetings;

/// <summary>Where the minutes stand: written by the kansli, sent for justering (content fixed), or justerat and locked.</summary>
public enum MinutesStage { Draft, Submitted, Final }

/// <summary>Someone who may attend: an active BUG member (with the organisations they represent) or the kansli.</summary>
public sealed record MinutesPerson(string UserId, string Name, string Organisation, bool IsBugMember)
{
    /// <summary>"Anders Nyström (Försäkringskassan)", as the form and the absent list show a person.</summary>
    public string Label => $"{Name} ({Organisation})";
}

/// <summary>The attendees of one organisation (or of several that one member represents together, or the kansli).</summary>
public sealed record MinutesPresence(string Organisation, IReadOnlyList<string> Names);

public sealed record MinutesJustifier(string UserId, string Name, DateTimeOffset? ConfirmedAt);

/// <summary>
/// One numbered item (§): a case (its reference and category) or a free item (its title and text), and the
/// decision in words; <paramref name="Decision"/> is null for a free item nothing was decided on.
/// </summary>
public sealed record MinutesParagraph(int Number, int ItemId, AgendaItemKind Kind, int? CaseId, string Heading, string? Category, string? Text,
    string? Decision, bool Late)
{
    public string KindName => Kind.DisplayName();
}

/// <summary>A case that left the agenda before the meeting because it was settled, and how.</summary>
public sealed record MinutesSettled(string Reference, string Outcome);

/// <summary>
/// What the minutes (protokoll) of a BUG meeting say, the one record both the page and the PDF show: no case text
/// and no reporter, only references, categories and the decisions in words. Drafts number the § as they stand;
/// locked minutes keep the numbers they were locked with.
/// </summary>
public sealed record MinutesContent(
    int MeetingId,
    string ForbundName,
    DateTimeOffset StartsAt,
    string? Place,
    string? VideoLink,
    MinutesStage Stage,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? FinalisedAt,
    IReadOnlyList<MinutesPresence> Present,
    IReadOnlyList<MinutesPerson> Absent,
    string? Chair,
    string? Secretary,
    IReadOnlyList<MinutesJustifier> Justifiers,
    IReadOnlyList<MinutesParagraph> Paragraphs,
    IReadOnlyList<MinutesSettled> Settled,
    string? OtherBusiness)
{
    public const string KansliLabel = "Kansliet";

    public string Title => $"Protokoll BUG-möte {Stockholm.FormatDate(StartsAt)} – {ForbundName}";

    public bool IsFinal => Stage == MinutesStage.Final;

    /// <summary>Reads everything the minutes print for a meeting loaded with its items, participants and justerare.</summary>
    public static async Task<MinutesContent> LoadAsync(LexHellerDb db, Meeting meeting, CancellationToken ct = default)
    {
        var sources = await SourcesAsync(db, meeting, ct);
        return Compose(meeting, sources, meeting.FirstParagraph ?? await FirstParagraphAsync(db, meeting, ct));
    }

    /// <summary>What the minutes name besides the meeting itself: the förbund, the people and the cases.</summary>
    public sealed record Sources(string ForbundName, IReadOnlyDictionary<string, MinutesPerson> People,
        IReadOnlyDictionary<int, (string? Reference, string? Category)> Cases);

    public static async Task<Sources> SourcesAsync(LexHellerDb db, Meeting meeting, CancellationToken ct = default)
    {
        var forbund = await db.Forbund.Where(f => f.Id == meeting.ForbundId).Select(f => f.Name).SingleAsync(ct);
        var involved = meeting.Participants.Select(p => p.UserId).Concat(meeting.Justifiers.Select(j => j.UserId))
            .Append(meeting.ChairUserId).Append(meeting.SecretaryUserId).OfType<string>().Distinct().ToList();
        var people = await PeopleAsync(db, meeting.ForbundId, involved, ct);
        var caseIds = meeting.Items.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var cases = (await db.Cases.Where(c => caseIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Reference, Category = db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault() })
                .ToListAsync(ct))
            .ToDictionary(c => c.Id, c => (c.Reference, c.Category));
        return new Sources(forbund, people, cases);
    }

    /// <summary>The minutes as they stand on <paramref name="meeting"/>, numbered from <paramref name="first"/>.</summary>
    public static MinutesContent Compose(Meeting meeting, Sources sources, int first)
    {
        var people = sources.People;
        string Name(string id) => people.TryGetValue(id, out var p) ? p.Name : "Okänd användare";

        var present = meeting.Participants.Select(p => p.UserId).ToHashSet();
        var presence = present.Select(id => people.GetValueOrDefault(id) ?? new MinutesPerson(id, Name(id), KansliLabel, false))
            .GroupBy(p => p.Organisation)
            .OrderBy(g => g.Key == KansliLabel).ThenBy(g => g.Key, Stockholm.Comparer)
            .Select(g => new MinutesPresence(g.Key, g.Select(p => p.Name).Order(Stockholm.Comparer).ToList()))
            .ToList();
        // Only those still active are listed as absent: a member who left the förbund since is not.
        var absent = people.Values.Where(p => p.IsBugMember && !present.Contains(p.UserId)).OrderBy(p => p.Name, Stockholm.Comparer).ToList();

        (string? Reference, string? Category) CaseOf(AgendaItem item) =>
            item.CaseId is { } id && sources.Cases.TryGetValue(id, out var c) ? c : (null, null);
        var paragraphs = meeting.Numbered.Select((item, n) =>
        {
            var c = CaseOf(item);
            return new MinutesParagraph(first + n, item.Id, item.Kind, item.CaseId,
                item.Kind switch
                {
                    AgendaItemKind.Case => $"Ärende {c.Reference ?? "–"}",
                    AgendaItemKind.SystemicProblem => $"Systemfel: {item.Title}",
                    AgendaItemKind.Information or AgendaItemKind.Question => item.Title ?? "–",
                },
                c.Category, item.Kind == AgendaItemKind.Case ? null : item.Text,
                DecisionOf(item), item.Late);
        }).ToList();
        var settled = meeting.Items.Where(i => i.Removal == AgendaRemoval.SettledBeforeMeeting)
            .OrderBy(i => i.RemovedAt)
            .Select(i => new MinutesSettled(CaseOf(i).Reference ?? i.Title ?? "–", MinutesPdf.DecisionText(i.RemovalOutcome)))
            .ToList();

        var stage = meeting.MinutesLocked ? MinutesStage.Final : meeting.MinutesSubmittedAt is not null ? MinutesStage.Submitted : MinutesStage.Draft;
        return new MinutesContent(meeting.Id, sources.ForbundName, meeting.StartsAt, meeting.Place, meeting.VideoLink, stage,
            meeting.MinutesSubmittedAt, meeting.MinutesFinalisedAt, presence, absent,
            meeting.ChairUserId is { } chair ? Name(chair) : null,
            meeting.SecretaryUserId is { } secretary ? Name(secretary) : null,
            meeting.Justifiers.Select(j => new MinutesJustifier(j.UserId, Name(j.UserId), j.ConfirmedAt)).OrderBy(j => j.Name, Stockholm.Comparer).ToList(),
            paragraphs, settled, meeting.OtherBusiness);
    }

    /// <summary>The words a decided item prints: what was written at the table, else the decision's name; null for a free item not decided on.</summary>
    private static string? DecisionOf(AgendaItem item) =>
        !string.IsNullOrWhiteSpace(item.DecisionText) ? item.DecisionText
        : item.Decision is not null || item.Kind == AgendaItemKind.Case ? MinutesPdf.DecisionText(item.Decision)
        : null;

    /// <summary>Those who may attend a meeting of the förbund: its active BUG members and kansli, by name.</summary>
    public static async Task<IReadOnlyList<MinutesPerson>> CandidatesAsync(LexHellerDb db, int forbundId, CancellationToken ct = default) =>
        (await PeopleAsync(db, forbundId, [], ct)).Values.OrderBy(p => !p.IsBugMember).ThenBy(p => p.Name, Stockholm.Comparer).ToList();

    /// <summary>
    /// The förbund's active BUG members and kansli, and anyone already named in the minutes who has left since; a
    /// BUG membership wins over a kansli one, so a person shows the organisations they represent.
    /// </summary>
    private static async Task<Dictionary<string, MinutesPerson>> PeopleAsync(LexHellerDb db, int forbundId, IReadOnlyCollection<string> involved, CancellationToken ct)
    {
        var rows = await db.Memberships
            .Where(m => m.ForbundId == forbundId && (m.Role == MembershipRole.BugLedamot || m.Role == MembershipRole.Kansli)
                && (m.IsActive || involved.Contains(m.UserId)))
            .Select(m => new { m.UserId, m.User.FullName, m.Role, m.IsActive, Organisations = m.Organisations.Select(o => o.Organisation.Name).ToList() })
            .ToListAsync(ct);
        var people = rows
            .OrderBy(r => r.Role == MembershipRole.BugLedamot ? 0 : 1).ThenBy(r => r.IsActive ? 0 : 1)
            .DistinctBy(r => r.UserId)
            .ToDictionary(r => r.UserId, r => new MinutesPerson(r.UserId, r.FullName,
                r.Role == MembershipRole.BugLedamot && r.Organisations.Count > 0 ? string.Join(", ", r.Organisations.Order(Stockholm.Comparer)) : KansliLabel,
                r.Role == MembershipRole.BugLedamot && r.IsActive));
        var missing = involved.Where(id => !people.ContainsKey(id)).ToList();
        if (missing.Count > 0)
            foreach (var u in await db.Users.Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.FullName }).ToListAsync(ct))
                people[u.Id] = new MinutesPerson(u.Id, u.FullName, KansliLabel, false);
        return people;
    }

    /// <summary>
    /// The § number of a meeting's first item: § numbers run per förbund and calendar year (in Stockholm), so it is one
    /// more than the last number of the förbund's earlier meetings that year that were not cancelled; a meeting whose
    /// minutes are locked counts from the number it was locked with.
    /// </summary>
    public static async Task<int> FirstParagraphAsync(LexHellerDb db, Meeting meeting, CancellationToken ct = default)
    {
        var year = Stockholm.ToLocal(meeting.StartsAt).Year;
        var from = Stockholm.ToUtc(new DateOnly(year, 1, 1), TimeOnly.MinValue);
        var earlier = await db.Meetings
            .Where(m => m.ForbundId == meeting.ForbundId && m.CancelledAt == null && m.Id != meeting.Id && m.StartsAt >= from
                && (m.StartsAt < meeting.StartsAt || m.StartsAt == meeting.StartsAt && m.Id < meeting.Id))
            .Select(m => new { m.StartsAt, m.Id, m.FirstParagraph, Count = m.Items.Count(i => i.RemovedAt == null) })
            .ToListAsync(ct);
        var next = 1;
        foreach (var m in earlier.OrderBy(m => m.StartsAt).ThenBy(m => m.Id))
            next = (m.FirstParagraph ?? next) + m.Count;
        return next;
    }
}
