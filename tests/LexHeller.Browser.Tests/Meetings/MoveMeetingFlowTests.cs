using LexHeller.Browser.Tests.Cases;
using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Meetings;

/// <summary>
/// The kansli moves a meeting closer than its cut-off with the keyboard and mouse as a user would, answers when the
/// agenda goes out, and a BUG member finds the meeting and its agenda on the start page. Every page is axe-clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MoveMeetingFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    private async Task<IPage> AsAsync(string email)
    {
        var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, email);
        return page;
    }

    private static Task PressAsync(IPage page, string button) =>
        page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAndLoadAsync();

    [Fact]
    public async Task The_kansli_moves_a_meeting_inside_the_cut_off_and_the_member_finds_it_on_the_start_page()
    {
        var now = app.Factory.Clock.GetUtcNow();
        var meetingId = await app.Factory.WithDbAsync(async db =>
        {
            var m = Meeting.Plan(db.Forbund.Single(f => f.Code == "INS").Id, now.AddDays(40), "Kommunhuset i Partille", null, null, Meeting.DefaultCutoffDays, now);
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var ready = await app.Factory.FileCaseAsync(CaseState.RedoForBug);
        await app.Factory.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());

        var member = await AsAsync("bug.fk@insjoriket.example");
        var next = member.GetByTestId("next-meetings");
        await Assertions.Expect(next).ToContainTextAsync("Dagordningen skickas ut");
        await Ui.AssertAccessibleAsync(member, "startsidan före utskicket");

        var kansli = await AsAsync("kansli@insjoriket.example");
        await kansli.GotoAsync($"/moten/{meetingId}");
        await kansli.GetByRole(AriaRole.Link, new() { Name = "Flytta mötet" }).ClickAndLoadAsync();
        await Ui.AssertAccessibleAsync(kansli, "Flytta BUG-mötet");
        var newDay = Stockholm.Today(now).AddDays(5);
        await kansli.GetByLabel("Datum", new() { Exact = true }).FillAsync(newDay.ToString("yyyy-MM-dd"));
        await kansli.GetByLabel("Tid", new() { Exact = true }).FillAsync("13:00");
        await PressAsync(kansli, "Flytta mötet");
        await Assertions.Expect(kansli.GetByTestId("dispatch-choice")).ToContainTextAsync("Välj när den ska skickas ut.");
        await Ui.AssertAccessibleAsync(kansli, "frågan om utskicket");
        await kansli.GetByLabel("Skicka ut dagordningen nu").CheckAsync();
        await PressAsync(kansli, "Flytta mötet");
        await Assertions.Expect(kansli.GetByRole(AriaRole.Status).First).ToContainTextAsync("Dagordningen skickas ut nu.");

        await app.Factory.WithScopeAsync(s => s.GetRequiredService<Agendas>().CloseDueAgendasAsync(app.RootUrl));
        await member.ReloadAsync();
        await Assertions.Expect(member.GetByTestId("next-agenda")).ToContainTextAsync(ready.Reference);
        await Ui.AssertAccessibleAsync(member, "startsidan med dagordningen");
        await member.GetByRole(AriaRole.Link, new() { Name = Stockholm.Format(Stockholm.ToUtc(newDay, new TimeOnly(13, 0))) }).ClickAndLoadAsync();
        Assert.Equal($"/moten/{meetingId}", Ui.PathOf(member));
    }
}
