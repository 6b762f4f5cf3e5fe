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

        await Filing.FillDeviationAsync(page, "Handläggaren bad om intyg för 811218-9876 men vården ville först ha AF:s kartläggning.",
            label => Ui.AssertAccessibleAsync(page, label));
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAndLoadAsync();

        await Assertions.Expect(page.Locator("#what-error")).ToContainTextAsync("ett personnummer (811218-9876)");
        await Assertions.Expect(page.GetByLabel("Vad hände?")).ToHaveValueAsync(new Regex("811218-9876"));
        await Ui.AssertAccessibleAsync(page, "Ny rapport – med fel");

        await page.GetByLabel("Vad hände?").FillAsync("Handläggaren bad om intyg men vården ville först ha AF:s kartläggning.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAndLoadAsync();

        var year = Stockholm.ToLocal(app.Factory.Clock.GetUtcNow()).Year;
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Assertions.Expect(heading).ToContainTextAsync($"LH-INS-{year}-0001");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Rapporten är inskickad");
        await Ui.AssertAccessibleAsync(page, "ärendesidan");

        await page.Menu("Mina ärenden").ClickAndLoadAsync();
        var row = page.Locator("[data-testid=my-cases] tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync($"LH-INS-{year}-0001");
        await Assertions.Expect(row).ToContainTextAsync("Inkommen");
        await Ui.AssertAccessibleAsync(page, "Mina ärenden");
    }
}
