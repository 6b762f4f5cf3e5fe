using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Disclosure;

/// <summary>
/// Someone asks for a report. The kansli registers the request (the requester anonymous), picks the case, masks the
/// sentence about a person's health, decides, and downloads the released copy: its text has the rest of the report
/// and not the masked sentence. Every page is axe-clean and reflows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DisclosureFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    private const string Secret = "brukaren vårdas för en psykos sedan i våras";
    private const string Open = "Remissen från kommunen kom aldrig fram till Arbetsförmedlingen";

    [Fact]
    public async Task The_kansli_registers_a_request_masks_a_passage_decides_and_the_released_copy_lacks_the_passage()
    {
        var filed = await app.Factory.FileCaseAsync(CaseState.Inkommen, whatHappened: $"Socialtjänsten berättade att {Secret}. {Open}.");
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "kansli@insjoriket.example");

        await page.GotoAsync("/utlamnanden");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Utlämnanden", Level = 1 })).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync(page, "/utlamnanden empty");
        await page.GetByRole(AriaRole.Link, new() { Name = "Registrera en begäran" }).ClickAndLoadAsync();
        Assert.Equal("/utlamnanden/ny", Ui.PathOf(page));
        await Ui.AssertAccessibleAsync(page, "/utlamnanden/ny");
        await page.GetByLabel("Vad som begärs").FillAsync("Rapporten om remissen som inte kom fram");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera begäran" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("registrerades");

        await page.GetByLabel("Lägg till ärende (referens)").FillAsync(filed.Reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till", Exact = true }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Ärende {filed.Reference}" })).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync(page, "/utlamnanden/{id} with a case");

        await page.GetByLabel("Text i ärendet").SelectOptionAsync(new SelectOptionValue { Label = "Vad hände?" });
        await page.GetByLabel("Stycket som ska maskeras").FillAsync(Secret);
        await page.GetByLabel("Sekretess enligt").SelectOptionAsync("26 kap. 1 § OSL");
        await page.GetByRole(AriaRole.Button, new() { Name = "Maskera stycket" }).ClickAndLoadAsync();
        var preview = page.GetByTestId("preview");
        await Assertions.Expect(preview).ToContainTextAsync("Socialtjänsten berättade att [Sekretess enligt 26 kap. 1 § OSL].");
        await Assertions.Expect(preview).Not.ToContainTextAsync(Secret);
        await Ui.AssertAccessibleAsync(page, "/utlamnanden/{id} with a mask");

        await page.GetByRole(AriaRole.Link, new() { Name = "Besluta …" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByText("Beslutet kan inte ändras efteråt.")).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync(page, "/utlamnanden/{id}/beslut");
        await page.GetByRole(AriaRole.Button, new() { Name = "Besluta och skapa kopia och beslutsbrev" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByTestId("state")).ToHaveTextAsync("Beslutad");
        await Ui.AssertAccessibleAsync(page, "/utlamnanden/{id} decided");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-copy").ClickAsync());
        var text = PdfTextLayer.Of(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Contains(Open, text);
        Assert.Contains("[Sekretess enligt 26 kap. 1 § OSL]", text);
        Assert.DoesNotContain("psykos", text);
        Assert.DoesNotContain(Secret, text);
    }
}
