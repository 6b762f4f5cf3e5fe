using LexHeller.Core.Cases;
using LexHeller.Core.Systemic;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Systemic;

/// <summary>
/// Measures on the kansli's start page and in its reminders, on the moved clock: due within the week, overdue, and the
/// follow-up date come; each reminder goes once, and not again on the next run. The sweep runs as the daily job would.
/// </summary>
public sealed class MeasureReminderTests : IDisposable
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string PublicUrl = "https://lexheller.example";

    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private DateOnly Today => Stockholm.Today(app.Clock.GetUtcNow());

    private async Task<(int Overdue, int FollowUps)> SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MeasureReminderSweep>().RunAsync(PublicUrl);
    }

    /// <summary>Moves the clock to eight in the morning of a Stockholm day.</summary>
    private void MoveTo(DateOnly day) => app.Clock.Advance(Stockholm.ToUtc(day, new TimeOnly(8, 0)) - app.Clock.GetUtcNow());

    private List<(string To, string Subject, string Text)> Mails(string about) => app.WithDb(db => db.Outbox.AsNoTracking()
        .Where(m => m.Subject.Contains(about)).OrderBy(m => m.Id).Select(m => new { m.To, m.Subject, m.TextBody }).ToList()
        .Select(m => (m.To, m.Subject, m.TextBody)).ToList());

    private async Task<Browserless.Page> StartPageAsync()
    {
        var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        return await kansli.GetAsync("/");
    }

    private static string? Queue(Browserless.Page page, string testId) => page.Document.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim();

    [Fact]
    public async Task Overdue_and_follow_up_reminders_go_once_each_and_the_start_page_counts_them()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        var user = await app.CaseUserAsync(Kansli);
        var start = Today;
        int id = 0;
        await app.WithScopeAsync(async s =>
        {
            var made = await s.GetRequiredService<SystemicCommands>().PlanMeasureAsync(user, app.ForbundId("INS"), filed.Id, null,
                new MeasureInput("Kommunen inför kvittens på remisser.", null, start.AddDays(2), start.AddDays(10)));
            id = made.Id!.Value;
        });

        // Due in two days: on the week's list, nothing to remind of.
        var page = await StartPageAsync();
        Assert.Equal("1 åtgärd som ska vara genomförd inom 7 dagar", Queue(page, "queue-measures-soon"));
        Assert.Equal("/atgarder?filter=snart", page.Document.QuerySelector("[data-testid=queue-measures-soon] a")!.GetAttribute("href"));
        Assert.Null(Queue(page, "queue-measures-overdue"));
        Assert.Equal((0, 0), await SweepAsync());

        // On the due date itself it is not yet overdue.
        MoveTo(start.AddDays(2));
        Assert.Equal((0, 0), await SweepAsync());

        // The day after: overdue, told once to the kansli (each member and the shared mailbox), not again.
        MoveTo(start.AddDays(3));
        Assert.Equal((1, 0), await SweepAsync());
        Assert.Equal((0, 0), await SweepAsync());
        MoveTo(start.AddDays(4));
        Assert.Equal((0, 0), await SweepAsync());
        var overdue = Mails("En åtgärd är försenad");
        Assert.Contains(overdue, m => m.To == Kansli);
        Assert.Equal(overdue.Count, overdue.Select(m => m.To).Distinct().Count());
        Assert.All(overdue, m => Assert.Contains(filed.Reference, m.Subject));
        Assert.All(overdue, m => Assert.Contains($"{PublicUrl}/atgarder/{id}", m.Text));
        page = await StartPageAsync();
        Assert.Equal("1 åtgärd försenad", Queue(page, "queue-measures-overdue"));
        Assert.Null(Queue(page, "queue-measures-soon"));
        Assert.Null(Queue(page, "queue-follow-ups"));

        await app.WithScopeAsync(async s =>
            Assert.Equal(CommandStatus.Done, (await s.GetRequiredService<SystemicCommands>().MarkDoneAsync(user, id, null, null, null)).Status));
        Assert.Null(Queue(await StartPageAsync(), "queue-measures-overdue"));

        // The follow-up date: told once, then on the start page until it is followed up.
        MoveTo(start.AddDays(9));
        Assert.Equal((0, 0), await SweepAsync());
        MoveTo(start.AddDays(10));
        Assert.Equal((0, 1), await SweepAsync());
        Assert.Equal((0, 0), await SweepAsync());
        var followUps = Mails("Dags att följa upp en åtgärd");
        Assert.Contains(followUps, m => m.To == Kansli);
        Assert.Equal(followUps.Count, followUps.Select(m => m.To).Distinct().Count());
        page = await StartPageAsync();
        Assert.Equal("1 åtgärd att följa upp", Queue(page, "queue-follow-ups"));
        var browser = new Browserless(app);
        await browser.LoginAsync(Kansli);
        var list = await browser.GetAsync("/atgarder?filter=folj-upp");
        Assert.NotNull(list.Document.QuerySelector($"[data-measure='{id}']"));
        Assert.Equal(1, app.WithDb(db => db.Measures.Count(m => m.Id == id && m.DueRemindedFor == start.AddDays(2) && m.FollowUpRemindedFor == start.AddDays(10))));
    }
}
