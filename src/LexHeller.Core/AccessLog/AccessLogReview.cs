using System.Globalization;
using Hangfire;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Core.AccessLog;

/// <summary>The kansli's weekly summary of what the loggkontroll flagged; counts only, the names are on the page.</summary>
public sealed record AccessReviewMail(string To, string ForbundName, DateOnly Week, IReadOnlyDictionary<AccessRule, int> Flags, int People, string Url)
    : MailMessage(To)
{
    public override string Subject =>
        $"Loggkontroll vecka {ISOWeek.GetWeekOfYear(Week.ToDateTime(TimeOnly.MinValue))}: {Swedish.Count(Flags.Values.Sum(), "flagga", "flaggor")} i {ForbundName}";

    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        $"Loggkontrollen har gått igenom behandlingshistoriken för {AccessLogReview.WeekName(Week)} och flaggat läsningar av {Swedish.Count(People, "person", "personer")}:",
        .. Enum.GetValues<AccessRule>().Where(Flags.ContainsKey).Select(r => $"– {AccessLogReview.RuleName(r)}: {Swedish.Count(Flags[r], "flagga", "flaggor")}"),
        "En flagga betyder inte att något är fel. Gå igenom läsningarna och markera varje flagga som kontrollerad med en kort anteckning om vad ni kom fram till.",
    ];
}

/// <summary>
/// The weekly loggkontroll: reads the previous full week (Monday to Sunday, Stockholm) of each förbund's access log
/// against the förbund's limits and records one flag per person, rule and week, with the kansli's summary mail in the
/// same save. Flags that already exist are left as they are, so running it again records and sends nothing more.
/// Only reads of one case (case page, case PDF) count towards the case rules; every row counts for office hours.
/// </summary>
public sealed class AccessLogReview(LexHellerDb db, TimeProvider clock)
{
    /// <summary>The page the mail links to.</summary>
    public const string PagePath = "/behandlingshistorik/kontroll";

    public static string RuleName(AccessRule rule) => rule switch
    {
        AccessRule.ManyCases => "Många ärenden på kort tid",
        AccessRule.OutsideOfficeHours => "Läsning utanför kontorstid",
        AccessRule.OtherPartysCase => "Ärende där personens organisation inte är part",
    };

    public static string WeekName(DateOnly monday) =>
        $"vecka {ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue))} ({monday:yyyy-MM-dd} – {monday.AddDays(6):yyyy-MM-dd})";

    /// <summary>The Monday of the last full week before now, Stockholm time.</summary>
    public static DateOnly PreviousWeek(DateTimeOffset now)
    {
        var today = Stockholm.Today(now);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return monday.AddDays(-7);
    }

    /// <summary>The förbund's limits, or the defaults when the kansli never saved any.</summary>
    public static async Task<AccessReviewSettings> SettingsAsync(LexHellerDb db, int forbundId, CancellationToken ct = default) =>
        await db.AccessReviewSettings.AsNoTracking().FirstOrDefaultAsync(s => s.ForbundId == forbundId, ct)
            ?? AccessReviewSettings.Defaults(forbundId);

    /// <summary>Reviews the previous full week of every förbund; returns how many flags were recorded.</summary>
    public async Task<int> RunAsync(string publicUrl, CancellationToken ct = default)
    {
        var week = PreviousWeek(clock.GetUtcNow());
        var forbund = await db.Forbund.AsNoTracking().OrderBy(f => f.Id).Select(f => f.Id).ToListAsync(ct);
        var flagged = 0;
        foreach (var id in forbund) flagged += await ReviewAsync(id, week, publicUrl, ct);
        return flagged;
    }

    /// <summary>Reviews one week of one förbund; returns how many flags were new.</summary>
    public async Task<int> ReviewAsync(int forbundId, DateOnly week, string publicUrl, CancellationToken ct = default)
    {
        var settings = await SettingsAsync(db, forbundId, ct);
        var start = Stockholm.ToUtc(week, TimeOnly.MinValue);
        var end = Stockholm.ToUtc(week.AddDays(7), TimeOnly.MinValue);
        var rows = await db.AccessLog.AsNoTracking()
            .Where(a => a.ForbundId == forbundId && a.At >= start && a.At < end)
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new Read(a.UserId, a.Role, a.At, a.CaseId))
            .ToListAsync(ct);
        if (rows.Count == 0) return 0;

        var caseIds = rows.Where(r => r.CaseId is not null).Select(r => r.CaseId!.Value).Distinct().ToList();
        var parties = (await db.CaseParties.AsNoTracking().Where(p => caseIds.Contains(p.CaseId) && p.OrganisationId != null)
                .Select(p => new { p.CaseId, OrganisationId = p.OrganisationId!.Value }).ToListAsync(ct))
            .Concat(await db.CaseReferrals.AsNoTracking().Where(r => caseIds.Contains(r.CaseId))
                .Select(r => new { r.CaseId, r.OrganisationId }).ToListAsync(ct))
            .ToLookup(p => p.CaseId, p => p.OrganisationId);
        var cases = (await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Reference, c.ReporterUserId, c.ReporterOrganisationId, c.HandoverFromOrganisationId, c.HandoverToOrganisationId })
                .ToListAsync(ct))
            .ToDictionary(c => c.Id, c => new CaseParties(c.Reference ?? $"utkast {c.Id}", c.ReporterUserId,
                new HashSet<int>(parties[c.Id].Append(c.ReporterOrganisationId)
                    .Concat(new[] { c.HandoverFromOrganisationId, c.HandoverToOrganisationId }.OfType<int>()))));
        var readers = rows.Select(r => r.UserId).Distinct().ToList();
        var represented = (await db.Memberships.AsNoTracking().Include(m => m.Organisations)
                .Where(m => m.ForbundId == forbundId && readers.Contains(m.UserId))
                .ToListAsync(ct))
            .SelectMany(m => m.Organisations.Select(o => (m.UserId, o.OrganisationId)))
            .ToLookup(o => o.UserId, o => o.OrganisationId);

        var found = new List<AccessFlag>();
        var now = clock.GetUtcNow();
        foreach (var person in rows.GroupBy(r => r.UserId))
        {
            var reads = person.ToList();
            void Flag(AccessRule rule, List<Read> concerned)
            {
                if (concerned.Count == 0) return;
                var refs = concerned.Where(r => r.CaseId is not null).Select(r => cases.TryGetValue(r.CaseId!.Value, out var c) ? c.Reference : $"ärende {r.CaseId}")
                    .Distinct().Order(StringComparer.Ordinal);
                found.Add(new AccessFlag(forbundId, person.Key, rule, week, concerned.Count, concerned.Min(r => r.At), concerned.Max(r => r.At), refs, now));
            }

            Flag(AccessRule.ManyCases, ManyCases(reads, settings));
            Flag(AccessRule.OutsideOfficeHours, reads.Where(r => settings.IsOutsideOfficeHours(Stockholm.ToLocal(r.At).DateTime)).ToList());
            var organisations = represented[person.Key].ToHashSet();
            Flag(AccessRule.OtherPartysCase, reads.Where(r => r.CaseId is { } id && !r.IsExempt && cases.TryGetValue(id, out var c)
                && c.ReporterUserId != person.Key && !c.Organisations.Overlaps(organisations)).ToList());
        }
        if (found.Count == 0) return 0;

        var existing = await db.AccessFlags.AsNoTracking().Where(f => f.ForbundId == forbundId && f.Week == week)
            .Select(f => new { f.UserId, f.Rule }).ToListAsync(ct);
        var added = found.Where(f => !existing.Any(e => e.UserId == f.UserId && e.Rule == f.Rule)).ToList();
        if (added.Count == 0) return 0;
        db.AccessFlags.AddRange(added);

        var name = await db.Forbund.Where(f => f.Id == forbundId).Select(f => f.Name).SingleAsync(ct);
        var kansli = await db.Memberships.AsNoTracking()
            .Where(m => m.ForbundId == forbundId && m.IsActive && m.Role == MembershipRole.Kansli)
            .Select(m => new Recipient(m.UserId, m.User.Email)).Distinct().ToListAsync(ct);
        var counts = added.GroupBy(f => f.Rule).ToDictionary(g => g.Key, g => g.Count());
        var people = added.Select(f => f.UserId).Distinct().Count();
        var url = publicUrl.TrimEnd('/') + PagePath + "?forbund=" + forbundId.ToString(CultureInfo.InvariantCulture);
        db.Outbox.AddRange(kansli.OrderBy(r => r.Email, StringComparer.Ordinal)
            .Select(r => new AccessReviewMail(r.Email ?? "", name, week, counts, people, url).ToOutbox(now, r.UserId, forbundId)));
        // Flags and mails in one save: a second run racing this one is refused by the unique index and sends nothing.
        if (!await db.TrySaveChangesAsync(ct)) return 0;
        return added.Count;
    }

    /// <summary>
    /// The single-case reads that lie in some window of the förbund's length holding more different cases than its
    /// limit: a sliding window over the person's reads in time order.
    /// </summary>
    private static List<Read> ManyCases(List<Read> reads, AccessReviewSettings settings)
    {
        var single = reads.Where(r => r.CaseId is not null).ToList();
        var window = TimeSpan.FromMinutes(settings.WindowMinutes);
        var inWindow = new Dictionary<int, int>();
        var concerned = new HashSet<int>();
        var first = 0;
        for (var last = 0; last < single.Count; last++)
        {
            var id = single[last].CaseId!.Value;
            inWindow[id] = inWindow.GetValueOrDefault(id) + 1;
            while (single[last].At - single[first].At > window)
            {
                var old = single[first].CaseId!.Value;
                if (--inWindow[old] == 0) inWindow.Remove(old);
                first++;
            }
            if (inWindow.Count > settings.ManyCases)
                for (var i = first; i <= last; i++) concerned.Add(i);
        }
        return concerned.Order().Select(i => single[i]).ToList();
    }

    private sealed record Read(string UserId, string Role, DateTimeOffset At, int? CaseId)
    {
        /// <summary>The kansli and administrators read every case of the förbund by their task.</summary>
        public bool IsExempt => Role.Split(',').Any(r => r is nameof(MembershipRole.Kansli) or nameof(MembershipRole.Administrator));
    }

    private sealed record CaseParties(string Reference, string ReporterUserId, HashSet<int> Organisations);
}

/// <summary>The recurring job around <see cref="AccessLogReview"/>; safe to run again, so retries are allowed.</summary>
public sealed class AccessLogReviewJob(AccessLogReview review, IOptions<PublicUrlOptions> publicUrl)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken ct) =>
        await review.RunAsync(publicUrl.Value.Base, ct);
}
