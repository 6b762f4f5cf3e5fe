using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Retention;

/// <summary>
/// Three weeks before a concluded case is due, the kansli finds it on Gallring from Arkiv och loggar, is told a hold
/// needs a reason, holds it with one, and later releases it. The list, the refusal, the held list and the rules
/// page are axe-clean and reflow.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GallringFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task The_kansli_holds_a_case_due_for_gallring_with_a_reason_and_releases_it()
    {
        var filed = await app.Factory.FileCaseAsync(CaseState.Avslutad);
        var due = Stockholm.Today(app.Factory.Clock.GetUtcNow()).AddYears(5);
        app.Factory.Clock.SetUtcNow(Stockholm.ToUtc(due.AddDays(-20), new TimeOnly(10, 0)));

        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "kansli@insjoriket.example");
        await page.GotoAsync("/arkiv");
        await page.GetByRole(AriaRole.Link, new() { Name = "Gallring", Exact = true }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gallring", Level = 1 })).ToBeVisibleAsync();
        var row = page.GetByTestId($"due-{filed.Id}");
        await Assertions.Expect(row).ToContainTextAsync($"Gallras {due:yyyy-MM-dd}");
        await Assertions.Expect(row).ToContainTextAsync(filed.Reference);
        await Ui.AssertAccessibleAsync(page, "/gallring");

        await row.GetByRole(AriaRole.Button, new() { Name = "Håll kvar" }).ClickAndLoadAsync();
        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Inget är ändrat");
        await Assertions.Expect(page.GetByTestId($"due-{filed.Id}").Locator(".field-error").First).ToHaveTextAsync("Skriv varför ärendet ska sparas längre.");
        await Assertions.Expect(page.GetByTestId("held-total")).ToContainTextAsync("0 ärenden hålls");
        await Ui.AssertAccessibleAsync(page, "/gallring refused");

        await page.GetByLabel($"Skäl att spara {filed.Reference} längre").FillAsync("Begärt av revisorerna inför granskningen av år 2026.");
        await page.GetByTestId($"due-{filed.Id}").GetByRole(AriaRole.Button, new() { Name = "Håll kvar" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Ärende {filed.Reference} hålls kvar");
        var held = page.GetByTestId($"held-{filed.Id}");
        await Assertions.Expect(held).ToContainTextAsync("Begärt av revisorerna");
        await Assertions.Expect(page.GetByTestId($"due-{filed.Id}")).ToHaveCountAsync(0);
        await Ui.AssertAccessibleAsync(page, "/gallring with a held case");

        await held.GetByRole(AriaRole.Button, new() { Name = "Släpp för gallring" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Ärende {filed.Reference} hålls inte längre kvar");
        await Assertions.Expect(page.GetByTestId($"due-{filed.Id}")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Link, new() { Name = "Gallringsregler" }).ClickAndLoadAsync();
        Assert.Equal("/gallring/regler", Ui.PathOf(page));
        await Ui.AssertAccessibleAsync(page, "/gallring/regler");
    }
}
