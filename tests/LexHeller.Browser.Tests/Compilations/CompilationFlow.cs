using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Compilations;

/// <summary>
/// Compilations in the browser: the kansli orders one (first with a period that ends before it starts), the test
/// computes it as the job would, the kansli opens the report with its charts, and the board reads it and the
/// overview with small counts suppressed. Every page is axe-clean and reflows at 320 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CompilationFlow(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
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

    private async Task ComputeAsync(int id)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<CompilationService>().ComputeAsync(id, app.RootUrl));
    }

    private static ILocator Headline(IPage page, string label) =>
        page.GetByTestId("headlines").Locator(".headline", new() { Has = page.Locator("dt", new() { HasTextString = label }) }).Locator("dd");

    [Fact]
    public async Task The_kansli_orders_a_compilation_and_kansli_and_board_read_it()
    {
        await app.Factory.FileCaseAsync(CaseState.Inkommen);
        await app.Factory.FileCaseAsync(CaseState.Avslutad);

        var kansli = await AsAsync("kansli@insjoriket.example");
        await kansli.GotoAsync("/sammanstallningar");
        await Ui.AssertAccessibleAsync(kansli, "Sammanställningar utan någon sammanställning");
        await kansli.GetByRole(AriaRole.Link, new() { Name = "Beställ en sammanställning" }).ClickAndLoadAsync();
        await Ui.AssertAccessibleAsync(kansli, "Beställ en sammanställning");

        // A period that ends before it starts is refused next to the field.
        var from = await kansli.GetByLabel("Periodens första dag").InputValueAsync();
        await kansli.GetByLabel("Periodens sista dag").FillAsync(DateOnly.Parse(from).AddDays(-1).ToString("yyyy-MM-dd"));
        await PressAsync(kansli, "Beställ sammanställningen");
        await Assertions.Expect(kansli.GetByLabel("Periodens sista dag")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(kansli.Locator("#to-error")).ToHaveTextAsync("Perioden slutar innan den börjar.");
        await Ui.AssertAccessibleAsync(kansli, "Beställ en sammanställning med fel");

        await kansli.GetByLabel("Periodens sista dag").FillAsync(LexHeller.Core.Time.Stockholm.Today(app.Factory.Clock.GetUtcNow()).ToString("yyyy-MM-dd"));
        await kansli.GetByLabel("Ärendetyp").SelectOptionAsync(new SelectOptionValue { Label = "Avvikelse" });
        await PressAsync(kansli, "Beställ sammanställningen");
        await Assertions.Expect(kansli.GetByRole(AriaRole.Status).First).ToContainTextAsync("Sammanställningen är beställd");
        await Assertions.Expect(kansli.GetByTestId("compilation-status")).ToHaveTextAsync("Köad");
        await Ui.AssertAccessibleAsync(kansli, "köad sammanställning");
        var path = new Uri(kansli.Url).AbsolutePath;
        var id = int.Parse(path.Split('/')[2]);

        await ComputeAsync(id);
        await kansli.GetByRole(AriaRole.Link, new() { Name = "Ladda om sidan" }).ClickAndLoadAsync();
        await Assertions.Expect(kansli.GetByTestId("compilation-status")).ToHaveTextAsync("Klar");
        await Assertions.Expect(Headline(kansli, "Inkomna ärenden")).ToHaveTextAsync("2");
        await Assertions.Expect(kansli.GetByRole(AriaRole.Img, new() { Name = "Diagram: Inkomna ärenden efter kategori" })).ToBeVisibleAsync();
        await Assertions.Expect(kansli.GetByTestId("answers")).ToContainTextAsync("Parterna har infört kvittens på remisser.");
        await Ui.AssertAccessibleAsync(kansli, "sammanställningen för kansliet");
        // Each section and each table in it has its own landmark name (axe landmark-unique), on a laptop and a phone.
        await Ui.AssertNoAxeViolationsAsync(kansli, "sammanställningen för kansliet, alla regler");
        await kansli.SetViewportSizeAsync(390, 844);
        await Ui.AssertNoAxeViolationsAsync(kansli, "sammanställningen för kansliet, 390 px");
        Assert.Null(await Ui.SidewaysOverflowAsync(kansli));
        await kansli.SetViewportSizeAsync(1366, 900);

        var download = await kansli.Context.APIRequest.GetAsync(await kansli.GetByTestId("download-xlsx").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, download.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Headers["content-type"]);

        await kansli.GetByRole(AriaRole.Link, new() { Name = "← Sammanställningar" }).ClickAndLoadAsync();
        await Assertions.Expect(kansli.GetByTestId("compilations")).ToContainTextAsync("Klar");
        await Ui.AssertAccessibleAsync(kansli, "Sammanställningar med en klar sammanställning");
        await kansli.GetByRole(AriaRole.Link, new() { Name = "översikten" }).ClickAndLoadAsync();
        await Assertions.Expect(Headline(kansli, "Inkomna ärenden")).ToHaveTextAsync("2");
        await Ui.AssertAccessibleAsync(kansli, "Översikt för kansliet");
        await Ui.AssertNoAxeViolationsAsync(kansli, "Översikt för kansliet, alla regler");

        // The board reads the same compilation and the overview, with small counts suppressed.
        var board = await AsAsync("styrelse@insjoriket.example");
        await board.GotoAsync(path);
        await Assertions.Expect(board.GetByTestId("suppression-note")).ToContainTextAsync("visas som <3");
        await Assertions.Expect(Headline(board, "Inkomna ärenden")).ToHaveTextAsync("<3");
        await Ui.AssertAccessibleAsync(board, "sammanställningen för styrelsen");
        await board.GotoAsync("/oversikt");
        await board.GetByText("Siffrorna i tabellform").First.ClickAsync();
        await Ui.AssertAccessibleAsync(board, "Översikt för styrelsen");
        await Ui.AssertNoAxeViolationsAsync(board, "Översikt för styrelsen, alla regler");
    }
}
