using AngleSharp.Dom;
using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Start;

/// <summary>
/// The start page as each role's work queue: every count against cases filed through the real workflow, every
/// link to the list it counts, the clock moved so that questions grow old and referrals fall due.
/// </summary>
public sealed class StartPageTests : IDisposable
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Reporter = "rapportor@insjoriket.example";
    private const string OtherReporter = "rapportor@sodranorrbotten.example";
    private readonly AppFactory app = new();
    private readonly DateOnly _firstDay;

    public StartPageTests() => _firstDay = Stockholm.Today(app.Clock.GetUtcNow());

    public void Dispose() => app.Dispose();

    /// <summary>Moves the clock to noon (Stockholm) of the day <paramref name="days"/> after the test began.</summary>
    private void MoveToDay(int days)
    {
        var at = Stockholm.ToUtc(_firstDay.AddDays(days), new TimeOnly(12, 0));
        app.Clock.Advance(at - app.Clock.GetUtcNow());
    }

    /// <summary>A part of the start page, logged in afresh (the clock may have moved past the session's end).</summary>
    private async Task<IElement> StartAsync(string email, string testId)
    {
        using var browser = new Browserless(app);
        var page = await browser.LoginAsync(email);
        if (page.Url != "/") page = await browser.GetAsync("/");
        return page.Document.QuerySelector($"[data-testid={testId}]") ?? throw new InvalidOperationException($"No {testId} on the start page: {page.Text}");
    }

    private static string? Line(IElement queue, string testId) =>
        queue.QuerySelector($"[data-testid={testId}]") is { } li ? Squash(li.TextContent) : null;

    private static string? Link(IElement queue, string testId) =>
        queue.QuerySelector($"[data-testid={testId}] a")?.GetAttribute("href");

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task With_nothing_filed_the_kansli_is_told_that_nothing_waits()
    {
        var queue = await StartAsync(Kansli, "kansli-queue");

        Assert.Equal("Inget väntar på dig just nu.", Line(queue, "nothing-waits"));
        Assert.Empty(queue.QuerySelectorAll("ul.queue li"));
        Assert.Equal("Inget BUG-möte är planerat. Till BUG-mötena", Line(queue, "queue-meeting"));
    }

    [Fact]
    public async Task The_kansli_counts_each_queue_of_its_own_forbund_and_links_to_the_filtered_inbox_as_the_days_pass()
    {
        await app.FileCaseAsync(CaseState.Inkommen);
        await app.FileCaseAsync(CaseState.Inkommen);
        await app.FileCaseAsync(CaseState.RedoForBug);
        await app.FileCaseAsync(CaseState.KompletteringBegard);
        await app.FileCaseAsync(CaseState.RemitteradTillPart);
        // The other förbund's cases in the same states are none of this kansli's business.
        foreach (var state in new[] { CaseState.Inkommen, CaseState.RedoForBug, CaseState.KompletteringBegard, CaseState.RemitteradTillPart })
            await app.FileCaseAsync(state, reporterEmail: OtherReporter);

        var today = await StartAsync(Kansli, "kansli-queue");
        Assert.Null(today.QuerySelector("[data-testid=nothing-waits]"));
        Assert.Equal("2 nya ärenden att granska", Line(today, "queue-new"));
        Assert.Equal("/inkorg?status=Inkommen", Link(today, "queue-new"));
        Assert.Equal("1 ärende redo för BUG", Line(today, "queue-ready"));
        Assert.Equal("/inkorg?status=RedoForBug", Link(today, "queue-ready"));
        // The question was asked today and the answers are due in four weeks: nothing of that waits yet.
        Assert.Null(Line(today, "queue-waiting"));
        Assert.Null(Line(today, "queue-overdue"));
        Assert.Null(Line(today, "queue-soon"));

        // Fourteen days after the question it has not waited more than fourteen days; the day after it has.
        MoveToDay(14);
        Assert.Null(Line(await StartAsync(Kansli, "kansli-queue"), "queue-waiting"));
        MoveToDay(15);
        var later = await StartAsync(Kansli, "kansli-queue");
        Assert.Equal("1 ärende har väntat på rapportörens svar i mer än 14 dagar", Line(later, "queue-waiting"));
        Assert.Equal("/inkorg?status=KompletteringBegard&vantar=14", Link(later, "queue-waiting"));

        // The referral was due 28 days after the first day: seven days before, it is due soon; the day after, overdue.
        MoveToDay(20);
        Assert.Null(Line(await StartAsync(Kansli, "kansli-queue"), "queue-soon"));
        MoveToDay(21);
        var soon = await StartAsync(Kansli, "kansli-queue");
        Assert.Equal("1 ärende med remissvar som ska in inom 7 dagar", Line(soon, "queue-soon"));
        Assert.Equal("/inkorg?remiss=snart", Link(soon, "queue-soon"));
        Assert.Null(Line(soon, "queue-overdue"));
        MoveToDay(28);
        Assert.Equal("1 ärende med remissvar som ska in inom 7 dagar", Line(await StartAsync(Kansli, "kansli-queue"), "queue-soon"));
        MoveToDay(29);
        var overdue = await StartAsync(Kansli, "kansli-queue");
        Assert.Equal("1 ärende med försenat remissvar", Line(overdue, "queue-overdue"));
        Assert.Equal("/inkorg?remiss=forsenad", Link(overdue, "queue-overdue"));
        Assert.Null(Line(overdue, "queue-soon"));
        Assert.Equal("2 nya ärenden att granska", Line(overdue, "queue-new"));
        Assert.Equal("1 ärende redo för BUG", Line(overdue, "queue-ready"));
        Assert.Equal("1 ärende har väntat på rapportörens svar i mer än 14 dagar", Line(overdue, "queue-waiting"));
    }

    [Fact]
    public async Task The_kansli_sees_the_next_meeting_with_its_agenda_cut_off_and_the_compilations_just_finished()
    {
        var now = app.Clock.GetUtcNow();
        var meeting = await app.WithDbAsync(async db =>
        {
            var m = Meeting.Plan(app.ForbundId("INS"), now.AddDays(30), "Kommunhuset", null, null, Meeting.DefaultCutoffDays, now);
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m;
        });
        var compilation = await QueueCompilationAsync("INS");
        await QueueCompilationAsync("SNB");

        var queue = await StartAsync(Kansli, "kansli-queue");
        var day = (DateTimeOffset at) => WorkQueues.ShortDate(Stockholm.Today(at));
        Assert.Equal($"Nästa BUG-möte {day(meeting.StartsAt)} (dagordningen stänger {day(meeting.AgendaClosesAt)})", Line(queue, "queue-meeting"));
        Assert.Equal($"/moten/{meeting.Id}", Link(queue, "queue-meeting"));
        Assert.Equal("1 sammanställning klar att läsa", Line(queue, "queue-compilations"));
        Assert.Equal("/sammanstallningar?status=Done", Link(queue, "queue-compilations"));
        Assert.Null(queue.QuerySelector("[data-testid=nothing-waits]"));

        // The board sees the same compilation as the latest one.
        var board = await StartAsync("styrelse@insjoriket.example", "styrelse-queue");
        Assert.Equal($"/sammanstallningar/{compilation}", board.QuerySelector("[data-testid=latest-compilation] a")!.GetAttribute("href"));

        // Past the cut-off, before the sweep has sent the agenda out, the line says it closed.
        app.Clock.Advance(meeting.AgendaClosesAt.AddMinutes(1) - app.Clock.GetUtcNow());
        Assert.Equal($"Nästa BUG-möte {day(meeting.StartsAt)} (dagordningen stängde {day(meeting.AgendaClosesAt)})",
            Line(await StartAsync(Kansli, "kansli-queue"), "queue-meeting"));

        // A month on, the compilation is no longer news.
        MoveToDay(WorkQueues.RecentDays + 1);
        Assert.Null(Line(await StartAsync(Kansli, "kansli-queue"), "queue-compilations"));
    }

    private async Task<int> QueueCompilationAsync(string forbund)
    {
        var forbundId = app.ForbundId(forbund);
        var today = Stockholm.Today(app.Clock.GetUtcNow());
        await using var scope = app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<CompilationService>();
        var queued = await service.QueueAsync(CompilationScope.Forbund, forbundId, new Period(PeriodKind.Custom, today.AddDays(-30), today),
            new CompilationFilter(null, null, null), scheduled: false, app.UserId($"kansli@{(forbund == "INS" ? "insjoriket" : "sodranorrbotten")}.example"));
        Assert.True(await service.ComputeAsync(queued.Id, "http://localhost"));
        return queued.Id;
    }

    [Fact]
    public async Task The_reporter_sees_the_question_waiting_for_them_and_what_happened_to_their_cases()
    {
        var asked = await app.FileCaseAsync(CaseState.KompletteringBegard);
        var concluded = await app.FileCaseAsync(CaseState.Avslutad);
        var waiting = await app.FileCaseAsync(CaseState.Inkommen);
        var colleagues = await app.FileCaseAsync(CaseState.KompletteringBegard, reporterEmail: "rapportor.kommun@insjoriket.example");

        var queue = await StartAsync(Reporter, "reporter-queue");
        Assert.Equal("1 fråga från kansliet väntar på ditt svar:", Line(queue, "questions-waiting"));
        var questions = queue.QuerySelectorAll("[data-testid=question]");
        Assert.Equal(asked.Reference, Assert.Single(questions).QuerySelector("a")!.TextContent);
        Assert.Equal($"/arenden/{asked.Id}", questions[0].QuerySelector("a")!.GetAttribute("href"));

        var day = WorkQueues.ShortDate(_firstDay);
        var changes = queue.QuerySelectorAll("[data-testid=recent-changes] li").Select(li => Squash(li.TextContent)).ToList();
        Assert.Contains($"{concluded.Reference} avslutades {day}", changes);
        Assert.Contains($"{asked.Reference} fick en fråga från kansliet {day}", changes);
        // What the reporter did themselves (sending the case in) is no news to them, nor is a colleague's case.
        Assert.DoesNotContain(changes, c => c.Contains(waiting.Reference) || c.Contains(colleagues.Reference));
        Assert.DoesNotContain(changes, c => c.Contains("skickades in"));
        Assert.Equal($"/arenden/{concluded.Id}", queue.QuerySelector($"[data-testid=recent-changes] li[data-case='{concluded.Id}'] a")!.GetAttribute("href"));

        // A month on the changes are old news; the question still waits.
        MoveToDay(WorkQueues.RecentDays + 1);
        var later = await StartAsync(Reporter, "reporter-queue");
        Assert.NotNull(later.QuerySelector("[data-testid=no-changes]"));
        Assert.Single(later.QuerySelectorAll("[data-testid=question]"));

        // The colleague in the municipality has a question of their own; a reporter of the other förbund has none.
        Assert.Equal($"/arenden/{colleagues.Id}",
            (await StartAsync("rapportor.kommun@insjoriket.example", "reporter-queue")).QuerySelector("[data-testid=question] a")!.GetAttribute("href"));
        Assert.NotNull((await StartAsync(OtherReporter, "reporter-queue")).QuerySelector("[data-testid=no-questions]"));
    }

    [Fact]
    public async Task The_BUG_member_sees_the_answers_their_organisation_owes_overdue_first_each_linking_to_its_answer_page()
    {
        var fk = app.OrganisationId("Försäkringskassan");
        var first = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        MoveToDay(10);
        var second = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        // Referred to Försäkringskassan too, but in the other förbund.
        await app.FileCaseAsync(CaseState.RemitteradTillPart, reporterEmail: OtherReporter);

        var before = await StartAsync("bug.fk@insjoriket.example", "bug-queue");
        Assert.Equal("2 svar att skriva:", Squash(before.QuerySelector("[data-testid=answers-waiting]")!.TextContent));
        Assert.Equal("/att-besvara", before.QuerySelector("[data-testid=answers-waiting] a")!.GetAttribute("href"));

        MoveToDay(29);
        var queue = await StartAsync("bug.fk@insjoriket.example", "bug-queue");
        var rows = queue.QuerySelectorAll("[data-testid=answers-to-write] tbody tr");
        Assert.Equal([first.Reference, second.Reference], rows.Select(r => r.QuerySelector("a")!.TextContent));
        Assert.Equal($"/arenden/{first.Id}/svar/{fk}", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Försenad", Squash(rows[0].QuerySelector("td[data-label=Status]")!.TextContent));
        Assert.Equal("Om 9 dagar", Squash(rows[1].QuerySelector("td[data-label=Status]")!.TextContent));
        Assert.Equal(_firstDay.AddDays(28).ToString("yyyy-MM-dd"), rows[0].QuerySelector("td[data-label='Svar senast']")!.TextContent.Trim());
        Assert.All(rows.SelectMany(r => r.QuerySelectorAll("td")), td => Assert.False(string.IsNullOrEmpty(td.GetAttribute("data-label"))));

        // Once Försäkringskassan has answered, the case leaves its member's queue.
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<LexHeller.Core.Data.LexHellerDb>();
            var c = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.Cases, x => x.Referrals), x => x.Id == first.Id);
            var who = new CaseActorContext(app.UserId("bug.fk@insjoriket.example"), [CaseActor.BugMember], [fk]);
            Assert.True(CaseActions.SubmitPartyResponse(c, who, fk, "Vi har ändrat rutinen.", app.Clock.GetUtcNow()).Fired);
            await db.SaveChangesAsync();
        });
        var after = await StartAsync("bug.fk@insjoriket.example", "bug-queue");
        Assert.Equal("1 svar att skriva:", Squash(after.QuerySelector("[data-testid=answers-waiting]")!.TextContent));
        Assert.Equal([second.Reference], after.QuerySelectorAll("[data-testid=answers-to-write] tbody a").Select(a => a.TextContent));

        // A member for an organisation nobody asked says so calmly.
        Assert.Equal("Inga svar väntar på dina organisationer.",
            Squash((await StartAsync("bug.region@insjoriket.example", "bug-queue")).QuerySelector("[data-testid=no-answers]")!.TextContent));
    }

    [Fact]
    public async Task The_board_sees_the_latest_published_answers_and_is_told_when_there_are_none()
    {
        var empty = await StartAsync("styrelse@insjoriket.example", "styrelse-queue");
        Assert.Equal("Ingen sammanställning är klar ännu.", Squash(empty.QuerySelector("[data-testid=latest-compilation]")!.TextContent));
        Assert.NotNull(empty.QuerySelector("[data-testid=no-published]"));

        var older = await app.FileCaseAsync(CaseState.Avslutad);
        MoveToDay(1);
        var newer = await app.FileCaseAsync(CaseState.Avslutad);
        await app.FileCaseAsync(CaseState.Avslutad, publish: false);
        await app.FileCaseAsync(CaseState.Avslutad, reporterEmail: OtherReporter);

        var board = await StartAsync("styrelse@insjoriket.example", "styrelse-queue");
        var items = board.QuerySelectorAll("[data-testid=latest-published] li").Select(li => Squash(li.TextContent)).ToList();
        Assert.Equal([$"{newer.Reference} publicerades {WorkQueues.ShortDate(_firstDay.AddDays(1))}", $"{older.Reference} publicerades {WorkQueues.ShortDate(_firstDay)}"], items);
        Assert.NotNull(board.QuerySelector("a[href='/besvarade']"));
    }
}
