using System.Net;
using System.Text;
using System.Text.Json;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.Retention;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Retention;

/// <summary>
/// Gallring on the moved clock: each case's date from its state and its förbund's rules, the kansli's month-ahead
/// list with holds and refusals, and the night that deletes the texts, keeps the minimal record, leaves the
/// compilations' counts as they were and the words nowhere in the database file.
/// </summary>
public sealed class GallringTests : IDisposable
{
    private const string Kansli = "kansli@insjoriket.example";
    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private DateOnly Today => Stockholm.Today(app.Clock.GetUtcNow());

    /// <summary>Moves the clock to noon (Stockholm) of the given day.</summary>
    private void MoveTo(DateOnly day) => app.Clock.SetUtcNow(Stockholm.ToUtc(day, new TimeOnly(12, 0)));

    private async Task<GallringRun> RunNightAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GallringJob>().RunAsync(CancellationToken.None);
    }

    private async Task<IReadOnlyList<DueCase>> DueAsync(string forbundCode, DateOnly until)
    {
        var forbundId = app.ForbundId(forbundCode);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionSchedule>().DueAsync(forbundId, until);
    }

    /// <summary>A browser logged in now (a session does not outlive the moved clock).</summary>
    private async Task<Browserless> LoginAsync(string email = Kansli)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    private Case Load(int id) => app.WithDb(db => db.Cases.AsNoTracking().Include(c => c.Parties).Include(c => c.Referrals).Include(c => c.Questions)
        .AsSplitQuery().Single(c => c.Id == id));

    private async Task<int> DraftAsync()
    {
        var id = 0;
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<LexHellerDb>();
            var reporter = await db.Users.SingleAsync(u => u.NormalizedEmail == "RAPPORTOR@INSJORIKET.EXAMPLE");
            var m = await db.Memberships.Include(x => x.Organisations).FirstAsync(x => x.UserId == reporter.Id && x.Role == MembershipRole.Rapportor);
            var now = app.Clock.GetUtcNow();
            var c = Case.NewDraft(m.ForbundId!.Value, CaseKind.Avvikelse, reporter.Id, m.Organisations.First().OrganisationId, Guid.NewGuid(), now);
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            id = c.Id;
        });
        return id;
    }

    [Fact]
    public async Task Each_state_has_its_date_and_a_forbunds_own_rules_move_it()
    {
        var today = Today;
        var concluded = await app.FileCaseAsync(CaseState.Avslutad);
        var rejected = await app.FileCaseAsync(CaseState.Avvisad);
        var withdrawn = await app.FileCaseAsync(CaseState.Aterkallad);
        var open = await app.FileCaseAsync(CaseState.Besvarad);
        var draft = await DraftAsync();
        var other = await app.FileCaseAsync(CaseState.Avslutad, reporterEmail: "rapportor@sodranorrbotten.example", category: "Övrigt");

        var due = (await DueAsync("INS", today.AddYears(10))).ToDictionary(d => d.CaseId, d => d.DueDate);
        Assert.Equal(today.AddYears(5), due[concluded.Id]);
        Assert.Equal(today.AddYears(2), due[rejected.Id]);
        Assert.Equal(today.AddYears(2), due[withdrawn.Id]);
        Assert.Equal(today.AddDays(90), due[draft]);
        Assert.False(due.ContainsKey(open.Id), "a case still being handled is never due");

        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var rules = await kansli.GetAsync("/gallring/regler");
        Assert.NotNull(rules.Document.QuerySelector("[data-testid=defaults-note]"));
        Assert.Equal("5", rules.Document.QuerySelector("#Input_ConcludedYears")!.GetAttribute("value"));
        var refused = await kansli.SubmitAsync(rules, Form(("Input.ConcludedYears", "0"), ("Input.DraftDays", "tre")));
        Assert.Contains("Ange hur många år avslutade ärenden ska sparas, ett helt antal mellan 1 och 100.", refused.ErrorText());
        Assert.Contains("Ange hur många dagar utkast ska sparas", refused.ErrorText());
        var saved = await kansli.SubmitAsync(refused, Form(("Input.ConcludedYears", "7"), ("Input.ClosedYears", "1"), ("Input.DraftDays", "30"),
            ("Input.AccessLogYears", "3"), ("Input.OutboxDays", "90")));
        Assert.Contains("Gallringsreglerna är sparade.", saved.Text);
        Assert.Null(saved.Document.QuerySelector("[data-testid=defaults-note]"));

        due = (await DueAsync("INS", today.AddYears(10))).ToDictionary(d => d.CaseId, d => d.DueDate);
        Assert.Equal(today.AddYears(7), due[concluded.Id]);
        Assert.Equal(today.AddYears(1), due[rejected.Id]);
        Assert.Equal(today.AddDays(30), due[draft]);
        // Another förbund keeps the defaults.
        Assert.Equal(today.AddYears(5), (await DueAsync("SNB", today.AddYears(10))).Single(d => d.CaseId == other.Id).DueDate);
        Assert.Single(app.WithDb(db => db.AuditEntries.Where(a => a.Action == AuditActions.RetentionRulesChanged).ToList()));
    }

    [Fact]
    public async Task A_case_appears_on_the_list_a_month_before_its_date_and_only_for_its_own_forbund()
    {
        var filed = await app.FileCaseAsync(CaseState.Avslutad);
        var date = Today.AddYears(5);
        MoveTo(date.AddMonths(-1).AddDays(-2));
        using (var early = await LoginAsync())
            Assert.Null((await early.GetAsync("/gallring")).Document.QuerySelector($"[data-testid=due-{filed.Id}]"));

        MoveTo(date.AddDays(-20));
        using var kansli = await LoginAsync();
        var page = await kansli.GetAsync("/gallring");
        var row = page.Document.QuerySelector($"[data-testid=due-{filed.Id}]");
        Assert.NotNull(row);
        Assert.Contains($"Gallras {date:yyyy-MM-dd}", row.TextContent);
        Assert.Contains(filed.Reference, row.TextContent);
        Assert.Equal("/arkivpaket", page.Document.QuerySelector("[data-testid=archive-first]")!.GetAttribute("href"));
        Assert.Contains("Ta fram arkivpaket för perioden först", page.Text);
        // Filtered to another state, it is not listed.
        Assert.Null((await kansli.GetAsync("/gallring?status=Avvisad")).Document.QuerySelector($"[data-testid=due-{filed.Id}]"));

        using var otherKansli = new Browserless(app);
        await otherKansli.LoginAsync("kansli@sodranorrbotten.example");
        Assert.DoesNotContain(filed.Reference, (await otherKansli.GetAsync("/gallring")).Text);
        Assert.Equal(HttpStatusCode.NotFound, (await otherKansli.GetAsync($"/gallring?forbund={app.ForbundId("INS")}")).Status);

        using var admin = new Browserless(app);
        await admin.LoginAsync("admin@lexheller.example");
        Assert.Contains(filed.Reference, (await admin.GetAsync($"/gallring?forbund={app.ForbundId("INS")}")).Text);
    }

    [Fact]
    public async Task A_hold_keeps_the_case_past_its_date_and_its_release_lets_it_go_the_next_night()
    {
        var filed = await app.FileCaseAsync(CaseState.Avslutad);
        var date = Today.AddYears(5);
        MoveTo(date.AddDays(-10));
        var kansli = await LoginAsync();
        var list = await kansli.GetAsync("/gallring");

        var refused = await kansli.SubmitAsync(list, Form(("Reason", "  ")), $"[data-testid=due-{filed.Id}] form");
        Assert.Contains("Skriv varför ärendet ska sparas längre.", refused.ErrorText());
        Assert.Empty(app.WithDb(db => db.RetentionHolds.ToList()));

        var held = await kansli.SubmitAsync(list, Form(("Reason", "Tillsynsärende hos IVO pågår")), $"[data-testid=due-{filed.Id}] form");
        Assert.Contains($"Ärende {filed.Reference} hålls kvar", held.Text);
        var heldRow = held.Document.QuerySelector($"[data-testid=held-{filed.Id}]");
        Assert.NotNull(heldRow);
        Assert.Contains("Tillsynsärende hos IVO pågår", heldRow.TextContent);
        Assert.Null(held.Document.QuerySelector($"[data-testid=due-{filed.Id}]"));

        MoveTo(date.AddDays(3));
        var night = await RunNightAsync();
        Assert.Equal((0, 1), (night.Gallrad, night.Refused));
        Assert.Null(Load(filed.Id).GallradAt);
        Assert.NotNull(Load(filed.Id).WhatHappened);

        kansli.Dispose();
        kansli = await LoginAsync();
        var released = await kansli.SubmitAsync(await kansli.GetAsync("/gallring"), Form(), $"[data-testid=held-{filed.Id}] form");
        Assert.Contains($"Ärende {filed.Reference} hålls inte längre kvar.", released.Text);
        Assert.Equal(1, (await RunNightAsync()).Gallrad);
        var gallrad = Load(filed.Id);
        Assert.NotNull(gallrad.GallradAt);
        Assert.Null(gallrad.WhatHappened);

        var audit = app.WithDb(db => db.AuditEntries.Where(a => a.Subject == filed.Reference).OrderBy(a => a.Id).ToList());
        Assert.Equal([AuditActions.GallringHeld, AuditActions.GallringReleased, AuditActions.CaseGallrad],
            audit.Select(a => a.Action).Where(a => a != AuditActions.CasePublished).ToList());
        var gone = audit.Single(a => a.Action == AuditActions.CaseGallrad);
        Assert.Null(gone.Before);
        Assert.Null(gone.After);
        kansli.Dispose();
    }

    [Fact]
    public async Task After_gallring_the_cases_words_are_in_no_search_and_nowhere_in_the_database_file_or_its_log()
    {
        const string marker = "Vattenkraftsgränd Lövsångarstigen";
        var filed = await app.FileCaseAsync(CaseState.KompletteringBegard, whatHappened: $"Personen bodde på {marker} och fick vänta.");
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<LexHellerDb>();
            var now = app.Clock.GetUtcNow();
            var c = await db.Cases.AsTracking().Include(x => x.Parties).Include(x => x.Questions).Include(x => x.Referrals).SingleAsync(x => x.Id == filed.Id);
            string Id(string email) => db.Users.Single(u => u.NormalizedEmail == email.ToUpperInvariant()).Id;
            var fk = db.Organisations.Single(o => o.Name == "Försäkringskassan").Id;
            var af = db.Organisations.Single(o => o.Name == "Arbetsförmedlingen").Id;
            var kansli = new CaseActorContext(Id(Kansli), [CaseActor.Kansli], []);
            Steps(
                () => CaseActions.ReporterAnswers(c, new(c.ReporterUserId, [CaseActor.Reporter], []), $"Enheten vid {marker}.", now),
                () => CaseActions.MarkReady(c, kansli, now),
                () => CaseActions.StartReview(c, kansli, now, $"Tas upp om {marker}."),
                () => CaseActions.Refer(c, kansli, [fk, af], Today.AddDays(28), Today, [fk, af], now),
                () => CaseActions.SubmitPartyResponse(c, new(Id("bug.fk@insjoriket.example"), [CaseActor.BugMember], [fk]), fk, $"FK svarar om {marker}.", now),
                () => CaseActions.SubmitPartyResponse(c, new(Id("bug.af@insjoriket.example"), [CaseActor.BugMember], [af]), af, $"AF svarar om {marker}.", now),
                () => CaseActions.Conclude(c, kansli, CaseOutcome.ActionByParty, $"Sammanfattning {marker}.", $"Svar om {marker}.", true, now));
            await db.SaveChangesAsync();
        });
        Assert.Equal(CaseState.Avslutad, Load(filed.Id).State);

        MoveTo(Today.AddYears(5).AddDays(1));
        Assert.Equal(1, (await RunNightAsync()).Gallrad);

        foreach (var file in new[] { "lexheller.db", "lexheller.db-wal" }.Select(f => Path.Combine(app.DataFolder, f)).Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var content = new byte[stream.Length];
            stream.ReadExactly(content);
            foreach (var word in new[] { marker, "Vattenkraftsgränd", "vattenkraftsgränd", "Lövsångarstigen", "lövsångarstigen" })
                Assert.True(content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(word)) < 0, $"{Path.GetFileName(file)} still holds “{word}”");
        }

        using var browser = new Browserless(app);
        await browser.LoginAsync(Kansli);
        var search = await browser.GetAsync("/inkorg?q=Vattenkraftsgr%C3%A4nd");
        Assert.DoesNotContain(filed.Reference, search.Text);
        Assert.Contains(filed.Reference, (await browser.GetAsync($"/inkorg?q={filed.Reference}")).Text);

        var page = await browser.GetAsync($"/arenden/{filed.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Ärendet gallrades {Today:yyyy-MM-dd} enligt informationshanteringsplanen.", page.Text);
        Assert.Contains("Överlämning och remiss", page.Document.QuerySelector("[data-testid=minimal-record]")!.TextContent);
        Assert.DoesNotContain("svarar om", page.Text);
        Assert.Null(page.Document.QuerySelector("[data-testid=timeline]"));
    }

    [Fact]
    public async Task Compilations_count_the_same_before_and_after_gallring()
    {
        await app.FileCaseAsync(CaseState.Avslutad);
        await app.FileCaseAsync(CaseState.Avslutad, category: "Övrigt");
        await app.FileCaseAsync(CaseState.Avvisad);
        await app.FileCaseAsync(CaseState.Aterkallad);
        await app.FileCaseAsync(CaseState.Besvarad);
        var year = Today.Year;
        var period = new Period(PeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var forbund = new[] { app.ForbundId("INS") };
        Task<string> ComputeAsync() => app.WithDbAsync(async db =>
            JsonSerializer.Serialize(await new CompilationQuery(db).ComputeAsync(forbund, period, CompilationFilter.None, includeCases: false)));

        var before = await ComputeAsync();
        MoveTo(Today.AddYears(5).AddDays(1));
        Assert.Equal(4, (await RunNightAsync()).Gallrad);
        Assert.Equal(before, await ComputeAsync());
        Assert.Equal(4, app.WithDb(db => db.Cases.Count(c => c.GallradAt != null)));
    }

    [Fact]
    public async Task A_night_that_dies_half_way_leaves_each_case_either_gallrad_or_untouched()
    {
        var first = await app.FileCaseAsync(CaseState.Avslutad);
        var second = await app.FileCaseAsync(CaseState.Avslutad);
        var third = await app.FileCaseAsync(CaseState.Avslutad);
        var textBefore = Load(second.Id).WhatHappened;
        // The second case's write fails at the database, after its texts were already rewritten in its transaction.
        var fault = await FailingTrigger.CreateAsync(app, "fail_gallring", "UPDATE OF \"GallradAt\"", "Cases", second.Id, "disk full");

        MoveTo(Today.AddYears(5).AddDays(1));
        await Assert.ThrowsAnyAsync<DbUpdateException>(RunNightAsync);

        Assert.NotNull(Load(first.Id).GallradAt);
        Assert.Null(Load(first.Id).WhatHappened);
        foreach (var untouched in new[] { second, third })
        {
            var c = Load(untouched.Id);
            Assert.Null(c.GallradAt);
            Assert.Equal(textBefore, c.WhatHappened);
            Assert.All(c.Referrals, r => Assert.NotNull(r.Response));
            Assert.NotEmpty(app.WithDb(db => db.CaseEvents.Where(e => e.CaseId == untouched.Id && e.Comment != null).ToList()));
        }
        Assert.Single(app.WithDb(db => db.AuditEntries.Where(a => a.Action == AuditActions.CaseGallrad).ToList()));

        await fault.DisposeAsync();
        Assert.Equal(2, (await RunNightAsync()).Gallrad);
        Assert.Equal(0, (await RunNightAsync()).Gallrad);
    }

    [Fact]
    public async Task A_case_on_an_open_agenda_or_with_an_unanswered_referral_is_refused_with_a_reason()
    {
        var onAgenda = await app.FileCaseAsync(CaseState.Avslutad);
        var unanswered = await app.FileCaseAsync(CaseState.Avslutad);
        var free = await app.FileCaseAsync(CaseState.Avslutad);
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            var m = Meeting.Plan(app.ForbundId("INS"), now.AddDays(30), "Kommunhuset", null, null, Meeting.DefaultCutoffDays, now);
            m.AddCase(onAgenda.Id, now);
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            // A referral left open by a case concluded without it (an import, or a fault): constructed in SQL.
            return await db.Database.ExecuteSqlAsync($"UPDATE \"CaseReferrals\" SET \"Status\" = 'Pending', \"Response\" = NULL WHERE \"CaseId\" = {unanswered.Id}");
        });

        MoveTo(Today.AddYears(5).AddDays(-5));
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var page = await kansli.GetAsync("/gallring");
        Assert.Contains(RetentionSchedule.AgendaRefusal, page.Document.QuerySelector($"[data-testid=due-{onAgenda.Id}]")!.TextContent);
        Assert.Contains(RetentionSchedule.ReferralRefusal, page.Document.QuerySelector($"[data-testid=due-{unanswered.Id}]")!.TextContent);
        Assert.Null(page.Document.QuerySelector($"[data-testid=due-{free.Id}] [data-testid=refusal]"));

        MoveTo(Today.AddDays(6));
        var night = await RunNightAsync();
        using var later = await LoginAsync();
        Assert.Equal((1, 2), (night.Gallrad, night.Refused));
        Assert.Null(Load(onAgenda.Id).GallradAt);
        Assert.Null(Load(unanswered.Id).GallradAt);
        Assert.NotNull(Load(free.Id).GallradAt);
        // The gallrad case cannot be acted on any more.
        var reopen = await later.GetAsync($"/arenden/{free.Id}");
        Assert.Contains("enligt informationshanteringsplanen", reopen.Text);
    }

    [Fact]
    public async Task The_access_log_and_sent_mail_are_deleted_after_their_periods_and_nothing_newer()
    {
        var filed = await app.FileCaseAsync(CaseState.Avslutad);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        await kansli.GetAsync($"/arenden/{filed.Id}");
        var start = app.Clock.GetUtcNow();
        var oldReads = app.WithDb(db => db.AccessLog.Count(a => a.CaseId == filed.Id));
        Assert.True(oldReads > 0);
        // Every mail so far counts as sent now; one stays unsent.
        var unsent = app.WithDb(db => db.Outbox.OrderBy(o => o.Id).Select(o => o.Id).First());
        await app.WithDbAsync(db => db.Outbox.Where(o => o.Id != unsent).ExecuteUpdateAsync(u => u.SetProperty(o => o.SentAt, start)));
        var mails = app.WithDb(db => db.Outbox.Count());
        Assert.True(mails > 1);

        MoveTo(Today.AddDays(89));
        Assert.Equal(0, (await RunNightAsync()).OutboxRows);
        MoveTo(Today.AddDays(2));
        using (var later = new Browserless(app))
        {
            await later.LoginAsync(Kansli);
            await later.GetAsync($"/arenden/{filed.Id}");
        }
        var night = await RunNightAsync();
        Assert.Equal(mails - 1, night.OutboxRows);
        Assert.Equal([unsent], app.WithDb(db => db.Outbox.Select(o => o.Id).ToList()));
        Assert.Equal(0, night.AccessLogRows);

        MoveTo(Stockholm.Today(start).AddYears(3).AddDays(1));
        night = await RunNightAsync();
        Assert.True(night.AccessLogRows >= oldReads);
        Assert.Equal(0, app.WithDb(db => db.AccessLog.Count(a => a.At <= start)));
        Assert.True(app.WithDb(db => db.AccessLog.Count(a => a.CaseId == filed.Id)) > 0, "the newer reads are kept");
    }

    [Fact]
    public async Task The_log_of_API_calls_is_deleted_with_the_access_log_by_the_keys_forbund()
    {
        var (_, snbKey) = await LexHeller.Web.Tests.Api.ApiSteps.KeyAsync(app, "SNB");
        var (_, allKey) = await LexHeller.Web.Tests.Api.ApiSteps.KeyAsync(app, null);
        // Södra Norrbotten keeps its access log for one year; keys for every förbund, and calls without a key, the default three.
        using (var kansli = await LoginAsync("kansli@sodranorrbotten.example"))
        {
            var form = await kansli.GetAsync("/gallring/regler");
            await kansli.SubmitAsync(form, Form(("Input.ConcludedYears", "5"), ("Input.ClosedYears", "2"), ("Input.DraftDays", "90"),
                ("Input.AccessLogYears", "1"), ("Input.OutboxDays", "90")));
            Assert.Equal(1, app.WithDb(db => db.RetentionRules.Single(r => r.ForbundId == db.Forbund.Single(f => f.Code == "SNB").Id).AccessLogYears));
        }
        var now = app.Clock.GetUtcNow();
        var ids = await app.WithDbAsync(async db =>
        {
            var calls = new[]
            {
                new LexHeller.Core.Api.ApiCall(snbKey, now.AddYears(-2), "GET", "/api/v1/categories", 200),
                new LexHeller.Core.Api.ApiCall(snbKey, now.AddDays(-30), "GET", "/api/v1/categories", 200),
                new LexHeller.Core.Api.ApiCall(allKey, now.AddYears(-2), "GET", "/api/v1/categories", 200),
                new LexHeller.Core.Api.ApiCall(null, now.AddYears(-2), "GET", "/api/v1/categories", 401),
                new LexHeller.Core.Api.ApiCall(allKey, now.AddYears(-4), "GET", "/api/v1/categories", 200),
                new LexHeller.Core.Api.ApiCall(null, now.AddYears(-4), "GET", "/api/v1/published", 401),
            };
            db.ApiCalls.AddRange(calls);
            await db.SaveChangesAsync();
            return calls.Select(c => c.Id).ToList();
        });

        await RunNightAsync();
        var left = app.WithDb(db => db.ApiCalls.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToList());
        Assert.Equal([ids[1], ids[2], ids[3]], left.Order());
    }

    private static void Steps(params Func<FireResult>[] steps)
    {
        foreach (var step in steps)
        {
            var r = step();
            Assert.True(r.Fired, r.Refusal);
        }
    }
}
