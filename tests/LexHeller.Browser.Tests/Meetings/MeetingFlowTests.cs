using LexHeller.Browser.Tests.Cases;
using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Meetings;

/// <summary>
/// A whole BUG meeting in the browser: the kansli plans it, edits the agenda and sends it out, a BUG member reads it;
/// after the meeting the kansli decides every item from the meeting page and writes the minutes, two justerare
/// confirm them each as themselves and the final PDF downloads. Every page is axe-clean.
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
    public async Task A_whole_meeting_from_planning_to_justered_minutes()
    {
        var first = await app.Factory.FileCaseAsync(CaseState.RedoForBug);
        var second = await app.Factory.FileCaseAsync(CaseState.RedoForBug);
        var meetingDay = DateOnly.FromDateTime(Stockholm.ToLocal(app.Factory.Clock.GetUtcNow()).DateTime).AddDays(30);

        // The kansli plans the meeting; the ready cases land on its agenda.
        var kansli = await AsAsync("kansli@insjoriket.example");
        await kansli.Menu("BUG-möten").ClickAndLoadAsync();
        await Ui.AssertAccessibleAsync(kansli, "BUG-möten");
        await kansli.GetByRole(AriaRole.Link, new() { Name = "Planera ett möte" }).ClickAndLoadAsync();
        await Ui.AssertAccessibleAsync(kansli, "Planera BUG-möte");
        await kansli.GetByLabel("Datum", new() { Exact = true }).FillAsync(meetingDay.ToString("yyyy-MM-dd"));
        await kansli.GetByLabel("Tid", new() { Exact = true }).FillAsync("09:00");
        await kansli.GetByLabel("Plats").FillAsync("Kommunhuset i Partille");
        await PressAsync(kansli, "Planera mötet");
        var meetingPath = new Uri(kansli.Url).AbsolutePath;
        await Assertions.Expect(kansli.GetByTestId("agenda")).ToContainTextAsync(first.Reference);
        await Assertions.Expect(kansli.GetByTestId("agenda")).ToContainTextAsync(second.Reference);
        await Ui.AssertAccessibleAsync(kansli, "mötet med öppen dagordning");

        // The kansli edits the agenda: the second case first, an information item, then sends it out now.
        await kansli.GetByRole(AriaRole.Link, new() { Name = "Ändra dagordningen" }).ClickAndLoadAsync();
        await Ui.AssertAccessibleAsync(kansli, "dagordningen att ändra");
        await PressAsync(kansli, $"Flytta ned ärende {first.Reference}");
        await Assertions.Expect(kansli.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Ärende {first.Reference} flyttades till plats 2");
        await kansli.GetByRole(AriaRole.Radio, new() { Name = "Information" }).CheckAsync();
        await kansli.GetByLabel("Rubrik").FillAsync("Rapport från styrelsen");
        await kansli.GetByLabel("Text (frivilligt)").FillAsync("Verksamhetsplanen för nästa år är antagen.");
        await PressAsync(kansli, "Lägg till punkten");
        var rows = kansli.GetByTestId("agenda-items").Locator("tbody tr");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync(second.Reference);
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(first.Reference);
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("Rapport från styrelsen");
        await Ui.AssertAccessibleAsync(kansli, "dagordningen med tre punkter");
        await kansli.GetByLabel("Jag vill skicka ut dagordningen nu").CheckAsync();
        await PressAsync(kansli, "Skicka ut dagordningen nu");
        await Assertions.Expect(kansli.GetByRole(AriaRole.Status).First).ToContainTextAsync("Dagordningen skickades ut med 3 punkter");
        await Ui.AssertAccessibleAsync(kansli, "utskickad dagordning");
        var agendaMails = app.Factory.WithDb(db => db.Outbox.Where(o => o.Subject.StartsWith("Dagordning")).Select(o => o.AttachmentId).ToList());
        Assert.NotEmpty(agendaMails);
        Assert.All(agendaMails, id => Assert.NotNull(id));

        // A BUG member reads the agenda that went out, and a case on it.
        var member = await AsAsync("bug.fk@insjoriket.example");
        await member.Menu("BUG-möten").ClickAndLoadAsync();
        await member.GotoAsync(meetingPath);
        await Assertions.Expect(member.GetByTestId("agenda-status")).ToContainTextAsync("Stängd och utskickad");
        await Ui.AssertAccessibleAsync(member, "mötet för en BUG-ledamot");
        await member.GetByRole(AriaRole.Link, new() { Name = first.Reference }).ClickAndLoadAsync();
        await Assertions.Expect(member.GetByTestId("case-state")).ToContainTextAsync("Behandlas i BUG");
        Assert.DoesNotContain("Sara Lindqvist", await member.ContentAsync());
        await member.Context.CloseAsync();

        // The meeting has been held: the kansli decides every item from the meeting page.
        await MoveClockAsync(kansli, "kansli@insjoriket.example", 31);
        await kansli.GotoAsync(meetingPath);
        await Ui.AssertAccessibleAsync(kansli, "mötet med beslutsrader");
        var items = app.Factory.WithDb(db => db.AgendaItems.Where(i => i.RemovedAt == null).OrderBy(i => i.Position)
            .Select(i => new { i.Id, i.CaseId }).ToList());
        var firstRow = kansli.Locator($"#punkt-{items.Single(i => i.CaseId == first.Id).Id}");
        await firstRow.Locator("summary").ClickAsync();
        var conclude = firstRow.GetByRole(AriaRole.Group, new() { Name = $"Avsluta: {first.Reference}" });
        await conclude.GetByLabel("Utfall").SelectOptionAsync(new SelectOptionValue { Label = "Lyft till styrelsen" });
        await conclude.GetByLabel("Sammanfattning").FillAsync("Frågan gäller alla kommuner i förbundet.");
        await conclude.GetByLabel("Svar", new() { Exact = true }).FillAsync("Styrelsen tar upp frågan med huvudmännen.");
        await conclude.GetByRole(AriaRole.Button, new() { Name = $"Avsluta {first.Reference}" }).ClickAndLoadAsync();
        await Assertions.Expect(firstRow.GetByTestId("decision")).ToContainTextAsync("BUG beslutar att avsluta ärendet");

        var secondRow = kansli.Locator($"#punkt-{items.Single(i => i.CaseId == second.Id).Id}");
        await secondRow.Locator("summary").ClickAsync();
        var postpone = secondRow.GetByRole(AriaRole.Group, new() { Name = $"Skjut upp: {second.Reference}" });
        await postpone.GetByLabel("Skäl").FillAsync("Kommunens svar kommer först i februari.");
        await postpone.GetByRole(AriaRole.Button, new() { Name = $"Skjut upp {second.Reference}" }).ClickAndLoadAsync();
        await Assertions.Expect(secondRow.GetByTestId("decision")).ToContainTextAsync("Kommunens svar kommer först i februari.");

        var freeRow = kansli.Locator($"#punkt-{items.Single(i => i.CaseId == null).Id}");
        await freeRow.Locator("summary").ClickAsync();
        await freeRow.GetByRole(AriaRole.Button, new() { Name = "Notera Rapport från styrelsen" }).ClickAndLoadAsync();
        await Assertions.Expect(freeRow.GetByTestId("decision")).ToContainTextAsync("Informationen noterades.");
        await Ui.AssertAccessibleAsync(kansli, "alla punkter beslutade");
        Assert.Equal(CaseState.Avslutad, app.Factory.WithDb(db => db.Cases.Single(c => c.Id == first.Id).State));
        Assert.Equal(CaseState.RedoForBug, app.Factory.WithDb(db => db.Cases.Single(c => c.Id == second.Id).State));

        // The kansli writes the minutes and sends them for justering.
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
        await Assertions.Expect(kansli.GetByTestId("decisions")).ToContainTextAsync($"§ 1 Ärende {second.Reference}");
        await Assertions.Expect(kansli.GetByTestId("decisions")).ToContainTextAsync($"§ 2 Ärende {first.Reference}");
        await Assertions.Expect(kansli.GetByTestId("decisions")).ToContainTextAsync("Rapport från styrelsen");
        await Assertions.Expect(kansli.GetByTestId("decisions")).ToContainTextAsync("Styrelsen tar upp frågan med huvudmännen.");
        await Assertions.Expect(kansli.GetByTestId("present")).ToContainTextAsync("Eva Sandberg");

        var download = await kansli.Context.APIRequest.GetAsync(await kansli.GetByTestId("minutes-pdf").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, download.Status);
        Assert.Equal("application/pdf", download.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await download.BodyAsync())[..4]));
        await Ui.AssertAccessibleAsync(kansli, "justerat protokoll");
    }
}
