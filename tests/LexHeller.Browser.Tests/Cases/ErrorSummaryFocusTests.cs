using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Cases;

/// <summary>
/// A form sent with mistakes comes back with the error summary focused, so a screen reader reads it first, and each
/// of its links takes the keyboard to the field it names.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ErrorSummaryFocusTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    private static Task<string?> FocusedAsync(IPage page, string attribute) =>
        page.EvaluateAsync<string?>($"() => document.activeElement?.getAttribute('{attribute}') ?? null");

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task The_summary_of_an_empty_report_takes_focus_and_its_links_move_to_the_fields(int width, int height)
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await Ui.LoginAsync(page, "rapportor@insjoriket.example");
        await page.GotoAsync("/arenden/ny?typ=avvikelse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAndLoadAsync();

        var summary = page.Locator("[data-testid=error-summary]");
        await Assertions.Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "Rapporten är inte sparad" })).ToBeVisibleAsync();
        Assert.Equal("error-summary", await FocusedAsync(page, "data-testid"));
        Assert.True(await summary.GetByRole(AriaRole.Link).CountAsync() >= 5);
        await Ui.AssertAccessibleAsync(page, $"Ny rapport med fel ({width} px)");

        var first = summary.GetByRole(AriaRole.Link).First;
        await Assertions.Expect(first).ToHaveTextAsync("Ange datum för händelsen.");
        await first.ClickAsync();
        await page.WaitForFunctionAsync("() => document.activeElement?.id === 'Input_EventDate'");

        // A link to a group of choices lands on its first choice.
        await summary.GetByRole(AriaRole.Link, new() { Name = "Välj minst en berörd part, eller skriv en annan aktör." }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.activeElement?.name === 'Input.PartyIds'");
    }

    [Fact]
    public async Task The_invitation_form_sent_empty_focuses_its_summary()
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "kansli@insjoriket.example");
        await page.GotoAsync("/anvandare/ny");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka inbjudan" }).ClickAndLoadAsync();

        Assert.Equal("error-summary", await FocusedAsync(page, "data-testid"));
        var link = page.Locator("[data-testid=error-summary] a").First;
        var target = (await link.GetAttributeAsync("href"))!.TrimStart('#');
        await link.ClickAsync();
        await page.WaitForFunctionAsync($"() => document.activeElement?.id === '{target}'");
    }

    [Fact]
    public async Task A_reporter_confirms_that_a_flagged_company_name_is_no_person_and_files_the_report()
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "rapportor@insjoriket.example");
        await Filing.FillDeviationAsync(page, "Färdtjänsten kördes av Erik Johansson AB, som aldrig fick den ändrade tiden.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAndLoadAsync();

        await Assertions.Expect(page.Locator("#what-error")).ToContainTextAsync("ett namn (Erik Johansson)");
        Assert.Equal("error-summary", await FocusedAsync(page, "data-testid"));
        var box = page.GetByLabel("Jag har kontrollerat: det är inte namn på personer");
        await Ui.AssertAccessibleAsync(page, "Ny rapport – namn att bekräfta");
        await box.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Rapporten är inskickad");
    }
}
