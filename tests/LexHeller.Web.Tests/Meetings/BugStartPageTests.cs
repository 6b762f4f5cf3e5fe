using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Meetings;

/// <summary>What a BUG member sees of the coming meeting when they log in, as the clock moves past its cut-off and the meeting.</summary>
public sealed class BugStartPageTests : IDisposable
{
    private const string PublicUrl = "https://lexheller.example";
    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private void MoveTo(DateTimeOffset at) => app.Clock.Advance(at - app.Clock.GetUtcNow());

    private async Task<Meeting> PlanAsync(int daysAhead, string place, string? videoLink = null)
    {
        var now = app.Clock.GetUtcNow();
        return await app.WithDbAsync(async db =>
        {
            var m = Meeting.Plan(app.ForbundId("INS"), now.AddDays(daysAhead), place, videoLink, null, Meeting.DefaultCutoffDays, now);
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m;
        });
    }

    /// <summary>The start page's card of next meetings, logged in afresh (the clock may have moved past the session's end).</summary>
    private async Task<AngleSharp.Dom.IElement> NextMeetingAsync(string email)
    {
        using var bug = new Browserless(app);
        var page = await bug.LoginAsync(email);
        if (page.Url != "/") page = await bug.GetAsync("/");
        return page.Document.QuerySelector("[data-testid=next-meetings]") ?? throw new InvalidOperationException($"No next meeting on the start page: {page.Text}");
    }

    [Fact]
    public async Task The_BUG_member_s_start_page_shows_the_next_meeting_and_its_agenda_once_it_has_gone_out()
    {
        var first = await PlanAsync(30, "Kommunhuset i Mölndal", "https://video.example/bug");
        var second = await PlanAsync(60, "Rådhuset");
        var ready = await app.FileCaseAsync(CaseState.RedoForBug);
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        await app.WithDbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Items).SingleAsync(m => m.Id == first.Id);
            meeting.AddFreeItem(AgendaItemKind.Question, "Lokal för hösten", null, app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        const string bug = "bug.kommun@insjoriket.example";

        var before = await NextMeetingAsync(bug);
        Assert.Equal($"/moten/{first.Id}", before.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains(Stockholm.Format(first.StartsAt), before.TextContent);
        Assert.Contains("Kommunhuset i Mölndal", before.TextContent);
        Assert.Contains("https://video.example/bug", before.TextContent);
        Assert.Equal($"Dagordningen skickas ut {Stockholm.Format(first.AgendaClosesAt)}.", before.QuerySelector("[data-testid=agenda-pending]")!.TextContent);
        Assert.DoesNotContain(ready.Reference, before.TextContent);

        MoveTo(first.AgendaClosesAt.AddMinutes(1));
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().CloseDueAgendasAsync(PublicUrl));
        var sent = await NextMeetingAsync(bug);
        var items = sent.QuerySelectorAll("[data-testid=next-agenda] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal([ready.Reference, "Övrig fråga: Lokal för hösten"], items);
        Assert.Equal($"/arenden/{ready.Id}", sent.QuerySelector("[data-testid=next-agenda] a")!.GetAttribute("href"));
        Assert.Null(sent.QuerySelector("[data-testid=agenda-pending]"));
        // The case link leads to the case, which the member may read.
        using (var reader = new Browserless(app))
        {
            await reader.LoginAsync(bug);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await reader.GetAsync($"/arenden/{ready.Id}")).Status);
        }

        // While the meeting is under way it is still the one shown; once it is over, the next one is.
        MoveTo(first.StartsAt.AddMinutes(30));
        Assert.Equal($"/moten/{first.Id}", (await NextMeetingAsync(bug)).QuerySelector("a")!.GetAttribute("href"));
        MoveTo(first.StartsAt.AddHours(3));
        var after = await NextMeetingAsync(bug);
        Assert.Equal($"/moten/{second.Id}", after.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Rådhuset", after.TextContent);
        Assert.NotNull(after.QuerySelector("[data-testid=agenda-pending]"));

        // The kansli, who sits in no BUG, sees no such card.
        using var kansli = new Browserless(app);
        await kansli.LoginAsync("kansli@insjoriket.example");
        Assert.Null((await kansli.GetAsync("/")).Document.QuerySelector("[data-testid=next-meetings]"));
    }

    [Fact]
    public async Task A_cancelled_meeting_is_not_the_next_one_and_without_a_meeting_the_page_says_so()
    {
        const string bug = "bug.fk@insjoriket.example";
        Assert.Contains("Inget möte är planerat.", (await NextMeetingAsync(bug)).TextContent);

        var cancelled = await PlanAsync(20, "Kommunhuset");
        var next = await PlanAsync(50, "Biblioteket");
        var kansli = new CaseActorContext(app.UserId("kansli@insjoriket.example"), [CaseActor.Kansli], []);
        await app.WithScopeAsync(async s => Assert.Null(await s.GetRequiredService<Agendas>().CancelAsync(cancelled.Id, kansli, "Krockar med budgetmötet.", PublicUrl)));

        Assert.Equal($"/moten/{next.Id}", (await NextMeetingAsync(bug)).QuerySelector("a")!.GetAttribute("href"));
    }
}
