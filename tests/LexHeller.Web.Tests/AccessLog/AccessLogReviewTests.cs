using System.Net;
using LexHeller.Core.AccessLog;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LexHeller.Web.Tests.AccessLog;

/// <summary>
/// A constructed fortnight of reads in Insjöriket, written with the real writer at chosen times: the first week holds
/// one pattern for each rule, the second an ordinary week. The weekly review then runs on a clock set to the
/// Monday after, twice.
/// </summary>
public sealed class AccessLogReviewFixture : IAsyncLifetime
{
    public const string Kansli = "kansli@insjoriket.example";
    public const string Reporter = "rapportor@insjoriket.example";
    public const string BugFk = "bug.fk@insjoriket.example";
    public const string BugRegion = "bug.region@insjoriket.example";
    public const string PublicUrl = "https://lexheller.example";
    public static readonly DateOnly Week = new(2026, 6, 1);
    public static readonly DateOnly Ordinary = new(2026, 6, 8);

    public AppFactory App { get; } = new();
    public List<CaseFactory.Filed> Cases { get; } = [];
    public int FirstRun { get; private set; }
    public int SecondRun { get; private set; }
    public int OrdinaryRun { get; private set; }
    public int MailsAfterFirst { get; private set; }
    public int MailsAfterSecond { get; private set; }
    public int MailsAfterOrdinary { get; private set; }

    public static DateTimeOffset At(DateOnly monday, int day, int hour, int minute) => Stockholm.ToUtc(monday.AddDays(day), new TimeOnly(hour, minute));

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 21; i++) Cases.Add(await App.FileCaseAsync(CaseState.Inkommen));
        var ins = App.ForbundId("INS");

        // The pattern week. The kansli: 21 different cases in 40 minutes on Tuesday morning, and one more on Thursday.
        for (var i = 0; i < 21; i++) await ReadAsync(Kansli, "Kansli", At(Week, 1, 10, 2 * i), AccessKind.CasePage, Cases[i].Id, ins);
        await ReadAsync(Kansli, "Kansli", At(Week, 3, 9, 0), AccessKind.CasePage, Cases[0].Id, ins);
        // The reporter reads their own case in office hours, on Wednesday evening and on Saturday.
        await ReadAsync(Reporter, "Rapportor", At(Week, 2, 10, 0), AccessKind.CasePage, Cases[0].Id, ins);
        await ReadAsync(Reporter, "Rapportor", At(Week, 2, 22, 15), AccessKind.CasePage, Cases[0].Id, ins);
        await ReadAsync(Reporter, "Rapportor", At(Week, 5, 11, 0), AccessKind.CasePdf, Cases[0].Id, ins);
        // The region's BUG member opens a case between Försäkringskassan and Arbetsförmedlingen; FK's member may.
        await ReadAsync(BugRegion, "BugLedamot", At(Week, 3, 11, 0), AccessKind.CasePage, Cases[1].Id, ins);
        await ReadAsync(BugFk, "BugLedamot", At(Week, 3, 11, 5), AccessKind.CasePdf, Cases[1].Id, ins);
        await ReadAsync(BugFk, "BugLedamot", At(Week, 4, 7, 0), AccessKind.CasePage, Cases[2].Id, ins);

        // The ordinary week: 20 cases in 38 minutes, reads at the edges of office hours, a search, a party's member.
        for (var i = 0; i < 20; i++) await ReadAsync(Kansli, "Kansli", At(Ordinary, 1, 10, 2 * i), AccessKind.CasePage, Cases[i].Id, ins);
        await ReadAsync(Kansli, "Kansli", At(Ordinary, 2, 12, 0), AccessKind.Search, null, ins);
        await ReadAsync(Reporter, "Rapportor", At(Ordinary, 0, 7, 0), AccessKind.CasePage, Cases[0].Id, ins);
        await ReadAsync(Reporter, "Rapportor", At(Ordinary, 4, 17, 59), AccessKind.CasePage, Cases[0].Id, ins);
        await ReadAsync(BugFk, "BugLedamot", At(Ordinary, 1, 14, 0), AccessKind.CasePage, Cases[3].Id, ins);

        FirstRun = await ReviewOnMondayAfterAsync(Week);
        MailsAfterFirst = ReviewMails().Count;
        SecondRun = await ReviewOnMondayAfterAsync(Week);
        MailsAfterSecond = ReviewMails().Count;
        OrdinaryRun = await ReviewOnMondayAfterAsync(Ordinary);
        MailsAfterOrdinary = ReviewMails().Count;
    }

    /// <summary>The weekly run on a clock set to six o'clock on the Monday after the week.</summary>
    public async Task<int> ReviewOnMondayAfterAsync(DateOnly week)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        return await new AccessLogReview(db, new FakeTimeProvider(At(week, 7, 6, 0))).RunAsync(PublicUrl);
    }

    public async Task ReadAsync(string email, string role, DateTimeOffset at, AccessKind kind, int? caseId, int forbundId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        var writer = new AccessLogWriter(db, new FakeTimeProvider(at));
        await writer.RecordAsync(new(App.UserId(email), role, null, caseId is { } id ? $"/arenden/{id}" : "/inkorg?q=ord"), forbundId, kind, caseId,
            caseId is null ? "”ord”: 1 ärende" : "läsning");
    }

    /// <summary>The review's mails to Insjöriket (a test of Södra Norrbotten's limits runs the review there too).</summary>
    public List<Core.Notifications.OutboxMessage> ReviewMails()
    {
        var ins = App.ForbundId("INS");
        return App.WithDb(db => db.Outbox.AsNoTracking().Where(o => o.ForbundId == ins && o.Link != null && o.Link.Contains(AccessLogReview.PagePath))
            .OrderBy(o => o.Id).ToList());
    }

    public List<AccessFlag> Flags(DateOnly week) =>
        App.WithDb(db => db.AccessFlags.AsNoTracking().Where(f => f.Week == week).OrderBy(f => f.Id).ToList());

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The loggkontroll: the flags a constructed pattern gets, the mail, the page and marking a flag checked.</summary>
public class AccessLogReviewTests(AccessLogReviewFixture fixture) : IClassFixture<AccessLogReviewFixture>
{
    private const string Kansli = AccessLogReviewFixture.Kansli;
    private static readonly DateOnly Week = AccessLogReviewFixture.Week;
    private AppFactory App => fixture.App;

    private async Task<Browserless> LoginAsync(string email)
    {
        var browser = new Browserless(App);
        await browser.LoginAsync(email);
        return browser;
    }

    [Fact]
    public void The_pattern_week_flags_exactly_one_person_per_rule_naming_the_reads_and_cases()
    {
        var flags = fixture.Flags(Week);
        Assert.Equal(3, fixture.FirstRun);
        Assert.Equal(
            new[] { (App.UserId(Kansli), AccessRule.ManyCases), (App.UserId(AccessLogReviewFixture.Reporter), AccessRule.OutsideOfficeHours),
                (App.UserId(AccessLogReviewFixture.BugRegion), AccessRule.OtherPartysCase) }.Order(),
            flags.Select(f => (f.UserId, f.Rule)).Order());
        Assert.All(flags, f => Assert.Equal(App.ForbundId("INS"), f.ForbundId));

        var many = flags.Single(f => f.Rule == AccessRule.ManyCases);
        Assert.Equal(21, many.Reads);
        Assert.Equal(AccessLogReviewFixture.At(Week, 1, 10, 0), many.FirstAt);
        Assert.Equal(AccessLogReviewFixture.At(Week, 1, 10, 40), many.LastAt);
        Assert.Equal(fixture.Cases.Select(c => c.Reference).Order(StringComparer.Ordinal).ToArray(), many.Cases.Split(", "));

        var late = flags.Single(f => f.Rule == AccessRule.OutsideOfficeHours);
        Assert.Equal((2, AccessLogReviewFixture.At(Week, 2, 22, 15), AccessLogReviewFixture.At(Week, 5, 11, 0), fixture.Cases[0].Reference),
            (late.Reads, late.FirstAt, late.LastAt, late.Cases));

        var party = flags.Single(f => f.Rule == AccessRule.OtherPartysCase);
        Assert.Equal((1, fixture.Cases[1].Reference), (party.Reads, party.Cases));
    }

    [Fact]
    public void An_ordinary_week_flags_nothing_and_mails_nobody()
    {
        Assert.Equal(0, fixture.OrdinaryRun);
        Assert.Empty(fixture.Flags(AccessLogReviewFixture.Ordinary));
        Assert.Equal(fixture.MailsAfterSecond, fixture.MailsAfterOrdinary);
    }

    [Fact]
    public async Task Running_the_review_again_records_no_second_flag_and_sends_no_second_mail()
    {
        Assert.Equal(0, fixture.SecondRun);
        Assert.Equal(0, await fixture.ReviewOnMondayAfterAsync(Week));
        Assert.Equal(3, fixture.Flags(Week).Count);
        Assert.Equal(fixture.MailsAfterFirst, fixture.ReviewMails().Count);
    }

    [Fact]
    public void Each_kansli_member_of_the_forbund_gets_one_summary_in_the_outbox_and_nobody_else_does()
    {
        var kansli = App.WithDb(db => db.Memberships.Where(m => m.ForbundId == App.ForbundId("INS") && m.IsActive
            && m.Role == Core.Identity.MembershipRole.Kansli).Select(m => m.UserId).Distinct().ToList());
        var mails = fixture.ReviewMails().Take(fixture.MailsAfterFirst).ToList();
        Assert.Equal(kansli.Order(), mails.Select(m => m.RecipientUserId!).Order());
        Assert.Contains(mails, m => m.To == Kansli);
        var mail = mails.Single(m => m.To == Kansli);
        Assert.Equal("Loggkontroll vecka 23: 3 flaggor i Samordningsförbundet Insjöriket", mail.Subject);
        Assert.Contains("flaggat läsningar av 3 personer", mail.TextBody);
        Assert.Contains("Många ärenden på kort tid: 1 flagga", mail.TextBody);
        Assert.Equal($"{AccessLogReviewFixture.PublicUrl}/behandlingshistorik/kontroll?forbund={App.ForbundId("INS")}", mail.Link);
        // The mail counts; who was flagged is on the page, behind the log-in.
        Assert.DoesNotContain("Sara Lindqvist", mail.TextBody);
    }

    [Fact]
    public async Task The_kansli_marks_a_flag_checked_only_with_a_note_and_the_marking_is_audited()
    {
        var flag = fixture.Flags(Week).Single(f => f.Rule == AccessRule.OutsideOfficeHours);
        using var kansli = await LoginAsync(Kansli);
        var logUrl = $"/behandlingshistorik?fran={Week:yyyy-MM-dd}&till={Week.AddDays(6):yyyy-MM-dd}&person=rapportor@insjoriket.example";
        var log = await kansli.GetAsync(logUrl);
        // The flag spans Wednesday evening to Saturday: the Wednesday morning read is not marked.
        Assert.Equal(2, log.Document.QuerySelectorAll("[data-testid=accesslog] tbody tr.flagged").Length);
        Assert.Equal(3, log.Document.QuerySelectorAll("[data-testid=accesslog] tbody tr").Length);
        Assert.NotNull(log.Document.QuerySelector("a[data-testid=review-link][href='/behandlingshistorik/kontroll']"));

        var list = await kansli.GetAsync("/behandlingshistorik/kontroll");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var row = list.Document.QuerySelector($"[data-testid=flags] tr[data-id='{flag.Id}']")!;
        Assert.Contains("Sara Lindqvist", row.TextContent);
        Assert.Contains("Läsning utanför kontorstid", row.TextContent);
        Assert.Contains("vecka 23 (2026-06-01 – 2026-06-07)", row.TextContent);
        var link = row.QuerySelector("a[href^='/behandlingshistorik?']")!.GetAttribute("href")!;
        Assert.Contains("person=rapportor@insjoriket.example", link);
        Assert.Contains("fran=2026-06-03&till=2026-06-06", link);
        var linked = await kansli.GetAsync(link);
        Assert.Contains("3 läsningar", linked.Document.QuerySelector("[data-testid=accesslog-total]")!.TextContent);

        var refused = await kansli.SubmitAsync(list, new Dictionary<string, string> { ["Note"] = "  " }, $"tr[data-id='{flag.Id}'] form");
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Skriv en anteckning om vad kontrollen visade.", refused.Document.QuerySelector($"#note-{flag.Id}-error")!.TextContent);
        Assert.NotNull(refused.Document.QuerySelector($".error-summary a[href='#note-{flag.Id}']"));
        Assert.Null(App.WithDb(db => db.AccessFlags.Single(f => f.Id == flag.Id).CheckedAt));

        var done = await kansli.SubmitAsync(list, new Dictionary<string, string> { ["Note"] = "Rapportören läste sitt eget ärende hemifrån." },
            $"tr[data-id='{flag.Id}'] form");
        Assert.Contains("Flaggan för Sara Lindqvist markerades som kontrollerad.", done.Text);
        Assert.Null(done.Document.QuerySelector($"[data-testid=flags] tr[data-id='{flag.Id}']"));
        var stored = App.WithDb(db => db.AccessFlags.AsNoTracking().Single(f => f.Id == flag.Id));
        Assert.Equal((App.UserId(Kansli), "Rapportören läste sitt eget ärende hemifrån."), (stored.CheckedByUserId, stored.CheckNote));
        var audit = App.WithDb(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.AccessFlagChecked).ToList());
        var line = Assert.Single(audit);
        Assert.Equal((App.UserId(Kansli), App.ForbundId("INS"), "Rapportören läste sitt eget ärende hemifrån."), (line.ActorUserId, line.ForbundId, line.After));
        Assert.Contains("Sara Lindqvist", line.Subject);

        var checkedList = await kansli.GetAsync("/behandlingshistorik/kontroll?visa=kontrollerade");
        Assert.Contains("Rapportören läste sitt eget ärende hemifrån.", checkedList.Document.QuerySelector($"tr[data-id='{flag.Id}']")!.TextContent);
        Assert.Empty((await kansli.GetAsync(logUrl)).Document.QuerySelectorAll("[data-testid=accesslog] tbody tr.flagged"));
        // The log rows themselves are as they were.
        Assert.Equal(3, App.WithDb(db => db.AccessLog.Count(a => a.UserId == App.UserId(AccessLogReviewFixture.Reporter)
            && a.At >= AccessLogReviewFixture.At(Week, 0, 0, 0) && a.At < AccessLogReviewFixture.At(Week, 7, 0, 0))));
    }

    [Fact]
    public async Task Another_forbunds_kansli_sees_none_of_the_flags_and_cannot_mark_them()
    {
        var flag = fixture.Flags(Week).First(f => f.Rule == AccessRule.ManyCases);
        using var snb = await LoginAsync("kansli@sodranorrbotten.example");
        Assert.Equal(HttpStatusCode.NotFound, (await snb.GetAsync($"/behandlingshistorik/kontroll?forbund={App.ForbundId("INS")}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await snb.GetAsync($"/behandlingshistorik/kontroll/installningar?forbund={App.ForbundId("INS")}")).Status);
        var own = await snb.GetAsync("/behandlingshistorik/kontroll?visa=alla");
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Empty(own.Document.QuerySelectorAll("[data-testid=flags] tbody tr"));
        var post = await snb.PostFromAsync("/behandlingshistorik/kontroll", "/behandlingshistorik/kontroll?handler=Check",
            new Dictionary<string, string> { ["flagId"] = flag.Id.ToString(), ["Note"] = "Försök." });
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.Null(App.WithDb(db => db.AccessFlags.Single(f => f.Id == flag.Id).CheckedAt));

        using var admin = await LoginAsync("admin@lexheller.example");
        var adminView = await admin.GetAsync($"/behandlingshistorik/kontroll?forbund={App.ForbundId("INS")}&visa=alla");
        Assert.NotNull(adminView.Document.QuerySelector($"[data-testid=flags] tr[data-id='{flag.Id}']"));
    }

    [Fact]
    public async Task The_limits_show_the_defaults_refuse_bad_values_next_to_the_fields_and_once_saved_drive_the_review()
    {
        using var snb = await LoginAsync("kansli@sodranorrbotten.example");
        const string path = "/behandlingshistorik/kontroll/installningar";
        var form = await snb.GetAsync(path);
        Assert.Equal(("20", "60", "07:00", "18:00"), (Value(form, "Input_ManyCases"), Value(form, "Input_WindowMinutes"),
            Value(form, "Input_OfficeStart"), Value(form, "Input_OfficeEnd")));

        var refused = await snb.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.ManyCases"] = "många", ["Input.WindowMinutes"] = "0", ["Input.OfficeStart"] = "09:00", ["Input.OfficeEnd"] = "08:00",
        });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("mellan 2 och 1 000", refused.Document.QuerySelector("#many-error")!.TextContent);
        Assert.Contains("mellan 1 och 1 440", refused.Document.QuerySelector("#window-error")!.TextContent);
        Assert.Contains("sluta senare än den börjar", refused.Document.QuerySelector("#end-error")!.TextContent);
        var snbId = App.ForbundId("SNB");
        Assert.False(App.WithDb(db => db.AccessReviewSettings.Any(s => s.ForbundId == snbId)));

        var saved = await snb.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.ManyCases"] = "30", ["Input.WindowMinutes"] = "60", ["Input.OfficeStart"] = "08:00", ["Input.OfficeEnd"] = "17:00",
        });
        Assert.Contains("3 gränser för loggkontrollen sparades.", saved.Text);
        Assert.Equal(("30", "08:00", "17:00"), (Value(saved, "Input_ManyCases"), Value(saved, "Input_OfficeStart"), Value(saved, "Input_OfficeEnd")));
        var audit = App.WithDb(db => db.AuditEntries.Where(a => a.ForbundId == snbId && a.Action == AuditActions.SettingChanged
            && a.Subject.StartsWith("Loggkontroll")).Select(a => new { a.Subject, a.Before, a.After }).ToList());
        Assert.Contains(audit, a => a is { Subject: "Loggkontroll: kontorstid börjar", Before: "07:00", After: "08:00" });
        Assert.Contains(audit, a => a is { Subject: "Loggkontroll: antal ärenden", Before: "20 ärenden", After: "30 ärenden" });

        // 07:30 on a weekday is office hours by default and not by Södra Norrbotten's new limits.
        var week = new DateOnly(2026, 6, 15);
        await fixture.ReadAsync("bug.fk@sodranorrbotten.example", "BugLedamot", AccessLogReviewFixture.At(week, 1, 7, 30), AccessKind.Search, null, snbId);
        Assert.Equal(1, await fixture.ReviewOnMondayAfterAsync(week));
        var flag = Assert.Single(App.WithDb(db => db.AccessFlags.AsNoTracking().Where(f => f.ForbundId == snbId).ToList()));
        Assert.Equal((AccessRule.OutsideOfficeHours, 1, ""), (flag.Rule, flag.Reads, flag.Cases));
    }

    private static string? Value(Browserless.Page page, string id) => page.Document.QuerySelector($"#{id}")?.GetAttribute("value");
}
