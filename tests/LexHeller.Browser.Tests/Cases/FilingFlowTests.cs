using System.Text.RegularExpressions;
using LexHeller.Core.Time;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Cases;

/// <summary>
/// A reporter files a deviation, is refused for a personnummer in the description, removes it, submits,
/// and finds the case with its reference number in "Mina ärenden"; every page on the way passes axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FilingFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task A_reporter_files_a_deviation_after_removing_a_personnummer()
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "rapportor@insjoriket.example");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Ny rapport" }).ClickAndLoadAsync();
        await Ui.AssertAccessibleAsync(page, "Ny rapport – välj typ");
        await page.GetByLabel("Avvikelse", new() { Exact = false }).First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Fortsätt" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ny rapport", Level = 1 })).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync(page, "Ny rapport – formulär");

        await page.GetByLabel("Datum för händelsen").FillAsync("2026-10-14");
        await page.GetByLabel("Försäkringskassan", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Arbetsförmedlingen", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Kategori").SelectOptionAsync(new SelectOptionValue { Label = "Regler som krockar" });
        var what = page.GetByLabel("Vad hände?");
        await what.FillAsync("Handläggaren bad om intyg för 811218-9876 men vården ville först ha AF:s kartläggning.");
        await page.GetByLabel("Vilka blev konsekvenserna för individen?").FillAsync("Personen stod utan ersättning i tre månader.");
        await page.GetByLabel("Kvinna").CheckAsync();
        await page.GetByLabel("Åldersgrupp").SelectOptionAsync(new SelectOptionValue { Label = "30–39" });
        await page.GetByLabel("Nej").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAndLoadAsync();

        await Assertions.Expect(page.Locator("#what-error")).ToContainTextAsync("”811218-9876” ser ut som ett personnummer");
        await Assertions.Expect(page.GetByLabel("Vad hände?")).ToHaveValueAsync(new Regex("811218-9876"));
        await Ui.AssertAccessibleAsync(page, "Ny rapport – med fel");

        await page.GetByLabel("Vad hände?").FillAsync("Handläggaren bad om intyg men vården ville först ha AF:s kartläggning.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAndLoadAsync();

        var year = Stockholm.ToLocal(app.Factory.Clock.GetUtcNow()).Year;
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Assertions.Expect(heading).ToContainTextAsync($"LH-INS-{year}-0001");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Rapporten är inskickad");
        await Ui.AssertAccessibleAsync(page, "ärendesidan");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Mina ärenden" }).ClickAndLoadAsync();
        var row = page.Locator("[data-testid=my-cases] tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync($"LH-INS-{year}-0001");
        await Assertions.Expect(row).ToContainTextAsync("Inkommen");
        await Ui.AssertAccessibleAsync(page, "Mina ärenden");
    }
}
