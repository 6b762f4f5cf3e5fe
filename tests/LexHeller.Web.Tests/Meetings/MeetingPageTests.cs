using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Meetings;

public class MeetingPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";

    private string Day(int daysAhead) => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(daysAhead).ToString("yyyy-MM-dd");

    private async Task<int> PlanViaPageAsync(Browserless kansli, int daysAhead, string place = "Stadshuset")
    {
        var page = await kansli.SubmitAsync(await kansli.GetAsync("/moten/nytt"),
            Form(("Input.Date", Day(daysAhead)), ("Input.Time", "09:00"), ("Input.Place", place)));
        Assert.Contains("Mötet är planerat", page.Text);
        return int.Parse(page.Url.Split('/')[2]);
    }

    [Fact]
    public async Task The_kansli_plans_a_meeting_and_a_ready_case_lands_on_its_agenda()
    {
        var ready = await app.FileCaseAsync(CaseState.RedoForBug);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var id = await PlanViaPageAsync(kansli, 30);

        var page = await kansli.GetAsync($"/moten/{id}");
        Assert.Contains(ready.Reference, page.Document.QuerySelector("[data-testid=agenda]")!.TextContent);
        Assert.Contains("Öppen – stängs", page.Document.QuerySelector("[data-testid=agenda-status]")!.TextContent);
        Assert.Contains(id.ToString(), (await kansli.GetAsync("/moten")).Document.QuerySelector("[data-testid=coming-meetings]")!.InnerHtml);

        using var bug = new Browserless(app);
        await bug.LoginAsync("bug.kommun@insjoriket.example");
        Assert.Equal(HttpStatusCode.OK, (await bug.GetAsync($"/moten/{id}")).Status);
        using var reporter = new Browserless(app);
        await reporter.LoginAsync("rapportor@insjoriket.example");
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.GetAsync($"/moten/{id}")).Status);
        using var other = new Browserless(app);
        await other.LoginAsync("kansli@sodranorrbotten.example");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/moten/{id}")).Status);
    }

    [Fact]
    public async Task A_meeting_in_the_past_or_without_place_is_refused_and_nothing_is_stored()
    {
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var before = app.WithDb(db => db.Meetings.Count());
        var past = await kansli.SubmitAsync(await kansli.GetAsync("/moten/nytt"), Form(("Input.Date", Day(-2)), ("Input.Time", "09:00"), ("Input.Place", "Rådhuset")));
        Assert.Equal("Mötet måste ligga i framtiden.", past.Document.QuerySelector("#date-error")!.TextContent);
        var nowhere = await kansli.SubmitAsync(await kansli.GetAsync("/moten/nytt"), Form(("Input.Date", Day(20)), ("Input.Time", "09:00")));
        Assert.Equal("Ange en plats eller en videolänk.", nowhere.Document.QuerySelector("#place-error")!.TextContent);
        var badLink = await kansli.SubmitAsync(await kansli.GetAsync("/moten/nytt"), Form(("Input.Date", Day(20)), ("Input.Time", "09:00"), ("Input.VideoLink", "teams")));
        Assert.Contains("webbadress", badLink.Document.QuerySelector("#link-error")!.TextContent);
        Assert.Equal(before, app.WithDb(db => db.Meetings.Count()));
    }

    [Fact]
    public async Task The_kansli_moves_a_case_to_another_meeting_and_cancels_one_after_confirming()
    {
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        await PlanViaPageAsync(kansli, 40, "Första mötet");
        var second = await PlanViaPageAsync(kansli, 70, "Andra mötet");
        var ready = await app.FileCaseAsync(CaseState.RedoForBug);
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        // Other tests of this class plan meetings too: the case is on the earliest open one.
        var first = app.WithDb(db => db.AgendaItems.Single(i => i.CaseId == ready.Id).MeetingId);
        Assert.NotEqual(second, first);

        var page = await kansli.GetAsync($"/moten/{first}");
        await kansli.SubmitAsync(page, Form(("caseId", ready.Id.ToString()), ("toMeetingId", second.ToString())), $"form[action*='handler=Move']:has(input[value='{ready.Id}'])");
        Assert.True(app.WithDb(db => db.AgendaItems.Any(i => i.MeetingId == second && i.CaseId == ready.Id)));
        Assert.False(app.WithDb(db => db.AgendaItems.Any(i => i.MeetingId == first && i.CaseId == ready.Id && i.RemovedAt == null)));

        var unconfirmed = await kansli.SubmitAsync(await kansli.GetAsync($"/moten/{first}"), Form(("reason", "Krockar med budgetmötet.")), "form[action*='handler=Cancel']");
        Assert.Contains("Kryssa i rutan", unconfirmed.Document.QuerySelector("[data-testid=meeting-error]")!.TextContent);
        Assert.Null(app.WithDb(db => db.Meetings.Single(m => m.Id == first).CancelledAt));
        var cancelled = await kansli.SubmitAsync(await kansli.GetAsync($"/moten/{first}"), Form(("reason", "Krockar med budgetmötet."), ("confirm", "true")), "form[action*='handler=Cancel']");
        Assert.Contains("Mötet är inställt", cancelled.Document.QuerySelector("[data-testid=agenda-status]")!.TextContent);
    }
}
