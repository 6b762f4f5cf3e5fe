using LexHeller.Browser.Tests.Cases;
using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Meetings;

/// <summary>
/// The BUG rhythm in the browser: the kansli plans a meeting, a ready case lands on its agenda, the agenda closes
/// when the test clock passes the cut-off, a BUG member reads it, the kansli records the decision and writes the
/// minutes, two justerare confirm them each as themselves and the final PDF downloads. Every page is axe-clean.
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

        // The meeting is held; the kansli records the decision, writes the minutes and sends them for justering.
        await MoveClockAsync(kansli, "kansli@insjoriket.example", 11);
        await kansli.GotoAsync(meetingPath);
        await kansli.GetByRole(AriaRole.Link, new() { Name = ready.Reference }).ClickAndLoadAsync();
        await kansli.GetByLabel("Utfall").SelectOptionAsync(new SelectOptionValue { Label = "Lyft till styrelsen" });
        await kansli.GetByLabel("Sammanfattning").FillAsync("Frågan gäller alla kommuner i förbundet.");
        await kansli.GetByLabel("Svar", new() { Exact = true }).FillAsync("Styrelsen tar upp frågan med huvudmännen.");
        await PressAsync(kansli, "Avsluta");
        await kansli.GotoAsync(meetingPath);
        await kansli.GetByRole(AriaRole.Link, new() { Name = "Protokoll" }).ClickAndLoadAsync();
        var present = kansli.GetByRole(AriaRole.Group, new() { Name = "Närvarande" });
        await present.GetByLabel("Anders Nyström (Försäkringskassan)").CheckAsync();
        await present.GetByLabel("Eva Sandberg (Arbetsförmedlingen)").CheckAsync();
        await present.GetByLabel("Maria Holmberg (Kansliet)").CheckAsync();
        await kansli.GetByLabel("Ordförande").SelectOptionAsync(new SelectOptionValue { Label = "Anders Nyström (Försäkringskassan)" });
        await kansli.GetByLabel("Protokollförare").SelectOptionAsync(new SelectOptionValue { Label = "Maria Holmberg (Kansliet)" });
        var justifiers = kansli.GetByRole(AriaRole.Group, new() { Name = "Justerare" });
        await justifiers.GetByLabel("Anders Nyström (Försäkringskassan)").CheckAsync();
        await justifiers.GetByLabel("Eva Sandberg (Arbetsförmedlingen)").CheckAsync();
        await kansli.GetByLabel("Övriga frågor").FillAsync("Kansliet informerade om nästa års mötesplan.");
        await Ui.AssertAccessibleAsync(kansli, "protokollet före justering");
        await PressAsync(kansli, "Spara utkastet");
        await Assertions.Expect(kansli.GetByRole(AriaRole.Status).First).ToContainTextAsync("Utkastet till protokollet sparades.");
        await kansli.GetByLabel("Protokollet är klart och kan skickas för justering.").CheckAsync();
        await PressAsync(kansli, "Skicka för justering");
        await Assertions.Expect(kansli.GetByTestId("minutes-stage")).ToContainTextAsync("Skickat för justering");
        var protocolPath = new Uri(kansli.Url).AbsolutePath;

        // Each justerare confirms with their own log-in.
        foreach (var justerare in new[] { "bug.fk@insjoriket.example", "bug.af@insjoriket.example" })
        {
            var reader = await AsAsync(justerare);
            await reader.GotoAsync(protocolPath);
            await Ui.AssertAccessibleAsync(reader, "protokollet för en justerare");
            await reader.GetByLabel("Jag har läst protokollet och justerar det.").CheckAsync();
            await PressAsync(reader, "Justera protokollet");
            await Assertions.Expect(reader.GetByRole(AriaRole.Status).First).ToContainTextAsync("Du har justerat protokollet.");
            await reader.Context.CloseAsync();
        }

        await kansli.GotoAsync(protocolPath);
        await Assertions.Expect(kansli.GetByTestId("minutes-stage")).ToContainTextAsync("Justerat och låst");
        var words = app.Factory.WithDb(db => db.AgendaItems.Single(i => i.CaseId == ready.Id).DecisionText);
        await Assertions.Expect(kansli.GetByTestId("decisions")).ToContainTextAsync($"§ 1 Ärende {ready.Reference}");
        await Assertions.Expect(kansli.GetByTestId("decisions")).ToContainTextAsync(words!);
        await Assertions.Expect(kansli.GetByTestId("present")).ToContainTextAsync("Eva Sandberg");

        var download = await kansli.Context.APIRequest.GetAsync(await kansli.GetByTestId("minutes-pdf").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, download.Status);
        Assert.Equal("application/pdf", download.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await download.BodyAsync())[..4]));
        await Ui.AssertAccessibleAsync(kansli, "justerat protokoll");
    }
}
