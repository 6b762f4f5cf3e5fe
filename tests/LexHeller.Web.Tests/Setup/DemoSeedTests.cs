using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Demo;
using LexHeller.Core.PersonalData;
using LexHeller.Core.Time;
using LexHeller.Testing;
using LexHeller.Web.Setup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LexHeller.Web.Tests.Setup;

/// <summary>The app started once with the whole demo (Demo:Cases on), on a real SQLite file, its banner captured.</summary>
public sealed class DemoApp : IDisposable
{
    public StringWriter Banner { get; } = new();

    /// <summary>What the banner held when the hosted services started, before the host said it had started.</summary>
    public BannerProbe Probe { get; } = new();

    public AppFactory App { get; }

    public DemoApp()
    {
        App = AppFactory.WithHost(b =>
        {
            b.UseSetting("Demo:Cases", "true");
            b.ConfigureServices(s =>
            {
                s.AddSingleton(new DemoBannerOutput(Banner));
                s.AddSingleton(Probe);
                s.AddHostedService<BannerProbeService>();
            });
        });
        // Starts the host: migrations, the seed, then start-up.
        App.CreateClient().Dispose();
    }

    public void Dispose() => App.Dispose();
}

public sealed class BannerProbe
{
    public string? AtHostedServiceStart { get; set; }
}

internal sealed class BannerProbeService(BannerProbe probe, DemoBannerOutput output) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        probe.AtHostedServiceStart = output.Writer.ToString();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// A newcomer's first start in Development shows a living förbund: cases in every state and of both kinds over the last
/// fourteen months, a held meeting with justerat minutes, a coming one with an agenda, a finished compilation, made
/// through the real commands (so the counts agree), with no mail waiting to go out.
/// </summary>
public class DemoSeedTests(DemoApp demo) : IClassFixture<DemoApp>
{
    private AppFactory App => demo.App;

    private sealed record Row(int ForbundId, CaseState State, CaseKind Kind, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt);

    private Task<List<Row>> CasesAsync() => App.WithDbAsync(db => db.Cases.Select(c => new Row(c.ForbundId, c.State, c.Kind, c.CreatedAt, c.SubmittedAt)).ToListAsync());

    private Task<List<int>> ForbundAsync() => App.WithDbAsync(db => db.Forbund.Select(f => f.Id).ToListAsync());

    [Fact]
    public async Task Each_förbund_has_about_forty_cases_in_every_state_and_of_both_kinds()
    {
        var cases = await CasesAsync();
        var forbund = await ForbundAsync();
        Assert.Equal(2, forbund.Count);
        foreach (var id in forbund)
        {
            var own = cases.Where(c => c.ForbundId == id).ToList();
            Assert.InRange(own.Count, 35, 45);
            Assert.Equal(Enum.GetValues<CaseState>().Order(), own.Select(c => c.State).Distinct().Order());
            Assert.Equal(Enum.GetValues<CaseKind>().Order(), own.Select(c => c.Kind).Distinct().Order());
        }
    }

    [Fact]
    public async Task Each_forbund_has_a_systemfel_with_linked_cases_a_measure_done_and_one_due_and_the_reporters_ledger_tells_of_it()
    {
        foreach (var id in await ForbundAsync())
        {
            var systemic = await App.WithDbAsync(db => db.SystemicProblems.Where(p => p.ForbundId == id)
                .Select(p => new { p.Id, p.Status, Linked = db.SystemicProblemCases.Count(l => l.SystemicProblemId == p.Id) }).SingleAsync());
            Assert.Equal((LexHeller.Core.Systemic.SystemicStatus.AtgardPagar, 3), (systemic.Status, systemic.Linked));
            var measures = await App.WithDbAsync(db => db.Measures.Where(m => m.SystemicProblemId == systemic.Id).OrderBy(m => m.Id)
                .Select(m => new { Done = m.DoneAt != null, m.DueDate }).ToListAsync());
            var today = LexHeller.Core.Time.Stockholm.Today(App.Clock.GetUtcNow());
            Assert.Equal([(true, today.AddDays(-18)), (false, today.AddDays(14))], measures.Select(m => (m.Done, m.DueDate)));
            var ledger = await App.WithDbAsync(db => db.CaseImpacts.Where(i => i.SystemicProblemId == systemic.Id).Select(i => i.Text).ToListAsync());
            // Each of the three reporters heard of both status changes and of the measure done.
            Assert.Equal(9, ledger.Count);
            Assert.Equal(3, ledger.Count(text => text.Contains("gemensam kvittens", StringComparison.OrdinalIgnoreCase)));
            Assert.Equal(3, ledger.Count(text => text.EndsWith("har nu status: Åtgärd pågår.", StringComparison.Ordinal)));
        }
        // The seed's mails about the past are gone with the rest of them.
        Assert.Equal(0, await App.WithDbAsync(db => db.Outbox.CountAsync(o => o.Subject.Contains("Det här har hänt"))));
    }

    [Fact]
    public async Task The_per_state_counts_equal_a_recount_of_the_cases()
    {
        var cases = await CasesAsync();
        var counts = await App.WithDbAsync(db => db.CaseStateCounts.Where(c => c.Count != 0).Select(c => new { c.ForbundId, c.State, c.Count }).ToListAsync());
        var recount = cases.GroupBy(c => (c.ForbundId, c.State)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(recount.OrderBy(r => r.Key).ToList(), counts.ToDictionary(c => (c.ForbundId, c.State), c => c.Count).OrderBy(r => r.Key).ToList());
    }

    [Fact]
    public async Task Every_case_was_created_and_submitted_within_the_last_fourteen_months_and_never_in_the_future()
    {
        var now = App.Clock.GetUtcNow();
        var cases = await CasesAsync();
        var events = await App.WithDbAsync(db => db.CaseEvents.Select(e => e.At).ToListAsync());
        foreach (var at in cases.Select(c => c.CreatedAt).Concat(cases.Select(c => c.SubmittedAt).OfType<DateTimeOffset>()).Concat(events))
        {
            Assert.True(at <= now, $"{at:O} is in the future");
            Assert.True(at >= now.AddMonths(-14), $"{at:O} is more than 14 months ago");
        }
        // Spread over the period, not bunched at its end.
        Assert.Contains(cases, c => c.CreatedAt < now.AddMonths(-12));
        Assert.Contains(cases, c => c.CreatedAt > now.AddDays(-14));
    }

    [Fact]
    public async Task No_mail_waits_to_be_sent()
    {
        var waiting = await App.WithDbAsync(db => db.Outbox.CountAsync(o => o.SentAt == null && o.DroppedAt == null && o.DigestId == null));
        Assert.Equal(0, waiting);
    }

    [Fact]
    public async Task The_past_meeting_has_justerade_minutes_and_the_coming_one_an_open_agenda_with_cases()
    {
        var now = App.Clock.GetUtcNow();
        var meetings = await App.WithDbAsync(db => db.Meetings.Select(m => new
        {
            m.ForbundId, m.StartsAt, m.MinutesFinalisedAt, m.AgendaClosedAt,
            Cases = m.Items.Count(i => i.CaseId != null && i.RemovedAt == null),
            Decided = m.Items.Count(i => i.CaseId != null && i.RemovedAt == null && i.Decision != null),
        }).ToListAsync());
        foreach (var id in await ForbundAsync())
        {
            var past = Assert.Single(meetings, m => m.ForbundId == id && m.StartsAt < now);
            Assert.NotNull(past.MinutesFinalisedAt);
            Assert.True(past.Cases > 0);
            Assert.Equal(past.Cases, past.Decided);
            var coming = Assert.Single(meetings, m => m.ForbundId == id && m.StartsAt > now);
            Assert.Null(coming.AgendaClosedAt);
            Assert.True(coming.Cases > 0);
        }
    }

    [Fact]
    public async Task Questions_were_answered_referrals_answered_one_overdue_and_some_answers_published()
    {
        var today = Stockholm.Today(App.Clock.GetUtcNow());
        foreach (var id in await ForbundAsync())
        {
            var referrals = await App.WithDbAsync(db => db.CaseReferrals.Where(r => db.Cases.Any(c => c.Id == r.CaseId && c.ForbundId == id))
                .Select(r => new { r.Status, r.DueDate, State = db.Cases.Where(c => c.Id == r.CaseId).Select(c => c.State).First() }).ToListAsync());
            Assert.Contains(referrals, r => r.Status == ReferralStatus.Answered);
            Assert.Single(referrals, r => r.Status == ReferralStatus.Pending && r.DueDate < today && r.State == CaseState.RemitteradTillPart);
            var answered = await App.WithDbAsync(db => db.CaseQuestions.CountAsync(q => q.AnsweredAt != null && db.Cases.Any(c => c.Id == q.CaseId && c.ForbundId == id)));
            Assert.True(answered > 0);
            var concluded = await App.WithDbAsync(db => db.Cases.Where(c => c.ForbundId == id && c.State == CaseState.Avslutad)
                .Select(c => new { c.IsPublished, c.Outcome, c.Answer }).ToListAsync());
            Assert.All(concluded, c => Assert.NotNull(c.Outcome));
            Assert.Contains(concluded, c => c.IsPublished);
            Assert.Contains(concluded, c => !c.IsPublished);
        }
    }

    [Fact]
    public async Task Each_förbund_has_a_finished_compilation_the_kansli_asked_for()
    {
        var done = await App.WithDbAsync(db => db.Compilations.Where(c => c.Status == CompilationStatus.Done && !c.Scheduled).Select(c => c.ForbundId).ToListAsync());
        foreach (var id in await ForbundAsync()) Assert.Contains(id, done);
    }

    [Fact]
    public async Task No_demo_text_holds_anything_the_personal_data_guard_flags_names_included()
    {
        var texts = await App.WithDbAsync(async db =>
        {
            var cases = await db.Cases.Select(c => new[] { c.WhatHappened, c.Consequences, c.Suggestion, c.Summary, c.Answer, c.RejectionReason, c.RejectionWhereToTurn }).ToListAsync();
            var answers = await db.CaseReferrals.Select(r => r.Response).ToListAsync();
            var questions = await db.CaseQuestions.Select(q => new[] { q.Question, q.Answer }).ToListAsync();
            var comments = await db.CaseEvents.Select(e => e.Comment).ToListAsync();
            return cases.SelectMany(c => c).Concat(answers).Concat(questions.SelectMany(q => q)).Concat(comments).OfType<string>().ToList();
        });
        Assert.True(texts.Count > 200);
        Assert.All(texts, t => Assert.Empty(PersonalDataGuard.ScanIncludingNames(t)));
    }

    [Theory]
    [InlineData("kansli@insjoriket.example")]
    [InlineData("bug.fk@sodranorrbotten.example")]
    [InlineData("rapportor@insjoriket.example")]
    [InlineData("styrelse@sodranorrbotten.example")]
    public async Task Every_role_can_open_its_pages_on_the_living_demo(string email)
    {
        using var browser = new Browserless(App);
        Assert.False((await browser.LoginAsync(email)).Url.StartsWith("/logga-in"), "not logged in");
        var forbund = email.Split('@')[1] == "insjoriket.example" ? "INS" : "SNB";
        var cases = await App.WithDbAsync(db => db.Cases.Where(c => db.Forbund.Any(f => f.Id == c.ForbundId && f.Code == forbund))
            .Select(c => new { c.Id, c.State }).ToListAsync());
        var meetings = await App.WithDbAsync(db => db.Meetings.Where(m => db.Forbund.Any(f => f.Id == m.ForbundId && f.Code == forbund)).Select(m => m.Id).ToListAsync());
        var compilations = await App.WithDbAsync(db => db.Compilations.Where(c => db.Forbund.Any(f => f.Id == c.ForbundId && f.Code == forbund)).Select(c => c.Id).ToListAsync());
        var urls = new List<string> { "/", "/inkorg", "/moten", "/sammanstallningar", "/besvarade", "/att-besvara", "/arenden/mina", "/andringslogg", "/oversikt" };
        urls.AddRange(cases.GroupBy(c => c.State).Select(g => $"/arenden/{g.First().Id}"));
        urls.AddRange(meetings.SelectMany(m => new[] { $"/moten/{m}", $"/moten/{m}/dagordning", $"/moten/{m}/protokoll" }));
        urls.AddRange(compilations.Select(c => $"/sammanstallningar/{c}"));
        foreach (var url in urls)
        {
            var page = await browser.GetAsync(url);
            // A page the role may not open answers 403 or 404; none fails.
            Assert.True((int)page.Status < 500, $"{email} {url}: {page.Status}");
        }
        // The kansli reads every case but other people's drafts.
        if (email.StartsWith("kansli@"))
            foreach (var c in cases.Where(c => c.State != CaseState.Utkast))
                Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync($"/arenden/{c.Id}")).Status);
    }

    [Fact]
    public async Task Each_line_of_the_kanslis_work_queue_counts_what_its_link_lists()
    {
        using var browser = new Browserless(App);
        await browser.LoginAsync("kansli@insjoriket.example");
        var start = await browser.GetAsync("/");
        var lines = start.Document.QuerySelectorAll("ul.queue li a[href^='/inkorg']").ToList();
        // The demo holds new, waiting, ready and referred cases, so the queue has its lines.
        Assert.True(lines.Count >= 4, start.Document.QuerySelector("ul.queue")?.TextContent);
        foreach (var line in lines)
        {
            var count = int.Parse(System.Text.RegularExpressions.Regex.Match(line.TextContent, @"\d+").Value);
            var inbox = await browser.GetAsync(line.GetAttribute("href")!);
            var total = inbox.Document.QuerySelector("[data-testid=inbox-total]")!.TextContent;
            Assert.True(total.StartsWith(Swedish.Count(count, "ärende", "ärenden")), $"{line.TextContent.Trim()} → {line.GetAttribute("href")}: {total}");
        }
    }

    [Fact]
    public async Task A_second_run_adds_nothing()
    {
        var before = await App.WithDbAsync(async db => (await db.Cases.CountAsync(), await db.Meetings.CountAsync(), await db.Compilations.CountAsync(), await db.Users.CountAsync()));
        await App.WithScopeAsync(async services =>
        {
            var result = await services.GetRequiredService<DemoSeeder>().SeedAsync(null, null, cases: true);
            Assert.Null(result);
        });
        var after = await App.WithDbAsync(async db => (await db.Cases.CountAsync(), await db.Meetings.CountAsync(), await db.Compilations.CountAsync(), await db.Users.CountAsync()));
        Assert.Equal(before, after);
    }

    [Fact]
    public void The_banner_is_printed_once_the_host_has_started_not_while_it_starts()
    {
        Assert.Equal("", demo.Probe.AtHostedServiceStart);
        // The test host is not Development: the banner says the demo was made, without the password.
        Assert.Contains("demodata har skapats", demo.Banner.ToString());
    }

    [Fact]
    public void In_development_the_banner_tells_what_the_demo_holds_and_ends_with_the_accounts()
    {
        var output = new StringWriter();
        DemoBanner.Print(new DemoSeedResult([new("kansli@insjoriket.example", "Maria Holmberg", "Kansli")], "Abcd-Efgh", "SECRET",
            new DemoActivityResult(82, 4, 9)), isDevelopment: true, output);
        var text = output.ToString();
        Assert.Contains("82 ärenden från de senaste 14 månaderna, 4 BUG-möten och 9 färdiga sammanställningar", text);
        Assert.Contains("Lösenord för alla demoanvändare: Abcd-Efgh", text);
        Assert.EndsWith("=======================", text.TrimEnd());
    }
}
