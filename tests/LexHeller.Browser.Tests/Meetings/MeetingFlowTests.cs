using LexHeller.Browser.Tests.Cases;
using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Meetings;

/// <summary>
/// The BUG rhythm in the browser: the kansli plans a meeting, a ready case lands on its agenda, the agenda closes
/// when the test clock passes the cut-off, a BUG member reads it, the kansli records the decision and the minutes
/// PDF downloads. Every page is axe-clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MeetingFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
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

    /// <summary>
    /// The administrator moves the app clock on the test page; a jump of days outlives the session, so the user
    /// logs in again.
    /// </summary>
    private async Task MoveClockAsync(IPage page, string email, int days)
    {
        await using (var adminContext = await browser.NewContextAsync(app.RootUrl))
        {
            var admin = await adminContext.NewPageAsync();
            await Ui.LoginAsync(admin, "admin@lexheller.example");
            await admin.GotoAsync("/test/klocka");
            await admin.GetByLabel("Flytta fram antal dagar").FillAsync(days.ToString());
            await PressAsync(admin, "Flytta fram klockan");
            await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync("Klockan är nu");
        }
        await Ui.LoginAsync(page, email);
        Assert.Equal("/", Ui.PathOf(page));
    }

    [Fact]
    public async Task A_ready_case_reaches_the_meeting_and_its_minutes()
    {
        var ready = await app.Factory.FileCaseAsync(CaseState.RedoForBug);
        var meetingDay = DateOnly.FromDateTime(Stockholm.ToLocal(app.Factory.Clock.GetUtcNow()).DateTime).AddDays(30);

        // The kansli plans the meeting; the ready case lands on its agenda.
        var kansli = await AsAsync("kansli@insjoriket.example");
        await kansli.Menu("BUG-möten").ClickAndLoadAsync();
        await Ui.AssertAccessibleAsync(kansli, "BUG-möten");
        await kansli.GetByRole(AriaRole.Link, new() { Name = "Planera ett möte" }).ClickAndLoadAsync();
        await Ui.AssertAccessibleAsync(kansli, "Planera BUG-möte");
        await kansli.GetByLabel("Datum").FillAsync(meetingDay.ToString("yyyy-MM-dd"));
        await kansli.GetByLabel("Tid").FillAsync("09:00");
        await kansli.GetByLabel("Plats").FillAsync("Kommunhuset i Partille");
        await PressAsync(kansli, "Planera mötet");
        var meetingPath = new Uri(kansli.Url).AbsolutePath;
        await Assertions.Expect(kansli.GetByTestId("agenda")).ToContainTextAsync(ready.Reference);
        await Ui.AssertAccessibleAsync(kansli, "mötet med öppen dagordning");

        // The clock passes the cut-off and the sweep closes and dispatches the agenda.
        await MoveClockAsync(kansli, "kansli@insjoriket.example", 20);
        Assert.NotNull(app.Factory.WithDb(db => db.Meetings.Single().AgendaClosedAt));

        // A BUG member reads the closed agenda and the case.
        var member = await AsAsync("bug.fk@insjoriket.example");
        await member.Menu("BUG-möten").ClickAndLoadAsync();
        await member.GotoAsync(meetingPath);
        await Assertions.Expect(member.GetByTestId("agenda-status")).ToContainTextAsync("Stängd och utskickad");
        await Ui.AssertAccessibleAsync(member, "mötet för en BUG-ledamot");
        await member.GetByRole(AriaRole.Link, new() { Name = ready.Reference }).ClickAndLoadAsync();
        await Assertions.Expect(member.GetByTestId("case-state")).ToContainTextAsync("Behandlas i BUG");
        Assert.DoesNotContain("Sara Lindqvist", await member.ContentAsync());
        await member.Context.CloseAsync();

        // The meeting is held; the kansli records the decision and finalises the minutes.
        await MoveClockAsync(kansli, "kansli@insjoriket.example", 11);
        await kansli.GotoAsync(meetingPath);
        await kansli.GetByRole(AriaRole.Link, new() { Name = ready.Reference }).ClickAndLoadAsync();
        await kansli.GetByLabel("Utfall").SelectOptionAsync(new SelectOptionValue { Label = "Lyft till styrelsen" });
        await kansli.GetByLabel("Sammanfattning").FillAsync("Frågan gäller alla kommuner i förbundet.");
        await kansli.GetByLabel("Svar", new() { Exact = true }).FillAsync("Styrelsen tar upp frågan med huvudmännen.");
        await PressAsync(kansli, "Avsluta");
        await kansli.GotoAsync(meetingPath);
        await kansli.GetByRole(AriaRole.Link, new() { Name = "Protokoll" }).ClickAndLoadAsync();
        await kansli.GetByLabel("Anders Nyström").CheckAsync();
        await kansli.GetByLabel("Eva Sandberg").CheckAsync();
        await Ui.AssertAccessibleAsync(kansli, "protokollet före fastställande");
        await PressAsync(kansli, "Fastställ protokollet");
        await Assertions.Expect(kansli.GetByTestId("decisions")).ToContainTextAsync("Avslutas");

        var download = await kansli.Context.APIRequest.GetAsync(await kansli.GetByTestId("minutes-pdf").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, download.Status);
        Assert.Equal("application/pdf", download.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await download.BodyAsync())[..4]));
        await Ui.AssertAccessibleAsync(kansli, "fastställt protokoll");
    }
}
