using LexHeller.Browser.Tests.Cases;
using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Meetings;

/// <summary>
/// The kansli plans a meeting inside the cut-off, chooses when its agenda goes out, and edits the agenda with the
/// keyboard only: reorders, adds an övrig fråga, sends it now and sees the withdrawal it can still make. Every
/// page is axe-clean and reflows at 320 pixels.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AgendaPageTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    /// <summary>Presses Enter on a control that submits a form and returns when the next page has loaded.</summary>
    private static async Task EnterAndLoadAsync(ILocator target)
    {
        var page = target.Page;
        await target.FocusAsync();
        await page.EvaluateAsync("() => { window.__lexHellerLeaving = true; }");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => !window.__lexHellerLeaving && document.readyState === 'complete'",
            null, new PageWaitForFunctionOptions { PollingInterval = 50 });
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task The_kansli_plans_inside_the_cut_off_and_edits_the_agenda_by_keyboard()
    {
        var first = await app.Factory.FileCaseAsync(CaseState.RedoForBug);
        var second = await app.Factory.FileCaseAsync(CaseState.RedoForBug);
        var today = Stockholm.Today(app.Factory.Clock.GetUtcNow());

        var context = await browser.NewContextAsync(app.RootUrl);
        var kansli = await context.NewPageAsync();
        await Ui.LoginAsync(kansli, "kansli@insjoriket.example");
        await kansli.GotoAsync("/moten/nytt");
        await kansli.GetByLabel("Datum", new() { Exact = true }).FillAsync(today.AddDays(7).ToString("yyyy-MM-dd"));
        await kansli.GetByLabel("Tid", new() { Exact = true }).FillAsync("09:00");
        await kansli.GetByLabel("Plats").FillAsync("Kommunhuset i Partille");
        await EnterAndLoadAsync(Button(kansli, "Planera mötet"));

        // Inside the cut-off: nothing saved yet, a warning and a required choice.
        await Assertions.Expect(kansli.GetByTestId("cutoff-warning")).ToContainTextAsync("Mötet är inte planerat än");
        await Assertions.Expect(kansli.GetByTestId("ready-count")).ToContainTextAsync("2 ärenden");
        await Ui.AssertAccessibleAsync(kansli, "planering inom stopptiden");
        await kansli.GetByLabel("Vid en tidpunkt före mötet").CheckAsync();
        await kansli.GetByLabel("Datum för utskicket").FillAsync(today.AddDays(4).ToString("yyyy-MM-dd"));
        await kansli.GetByLabel("Tid för utskicket").FillAsync("08:00");
        await EnterAndLoadAsync(Button(kansli, "Planera mötet"));
        await Assertions.Expect(kansli.GetByRole(AriaRole.Status)).ToContainTextAsync($"Dagordningen stängs {today.AddDays(4):yyyy-MM-dd} 08:00");

        await EnterAndLoadAsync(kansli.GetByRole(AriaRole.Link, new() { Name = "Ändra dagordningen" }));
        await Assertions.Expect(kansli.GetByTestId("agenda-items")).ToContainTextAsync(first.Reference);
        await Ui.AssertAccessibleAsync(kansli, "öppen dagordning");

        await EnterAndLoadAsync(Button(kansli, $"Flytta ned ärende {first.Reference}"));
        await Assertions.Expect(kansli.GetByRole(AriaRole.Status)).ToContainTextAsync($"Ärende {first.Reference} flyttades till plats 2");
        var rows = kansli.GetByTestId("agenda-items").Locator("tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync(second.Reference);

        await kansli.GetByRole(AriaRole.Radio, new() { Name = "Övrig fråga" }).CheckAsync();
        await kansli.GetByLabel("Rubrik").FillAsync("Lokal för nästa möte");
        await EnterAndLoadAsync(Button(kansli, "Lägg till punkten"));
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("Övrig fråga: Lokal för nästa möte");

        await kansli.GetByLabel("Jag vill skicka ut dagordningen nu").CheckAsync();
        await EnterAndLoadAsync(Button(kansli, "Skicka ut dagordningen nu"));
        await Assertions.Expect(kansli.GetByRole(AriaRole.Status)).ToContainTextAsync("Dagordningen skickades ut med 3 punkter");
        await Assertions.Expect(Button(kansli, $"Dra tillbaka ärende {second.Reference}")).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync(kansli, "utskickad dagordning");
        await context.CloseAsync();
    }
}
