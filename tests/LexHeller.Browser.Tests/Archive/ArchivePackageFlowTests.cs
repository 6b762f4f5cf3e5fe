using System.IO.Compression;
using System.Security.Cryptography;
using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Archive;

/// <summary>
/// The kansli finds Arkivpaket from Arkiv och loggar, is told that a period ending before it starts is no period,
/// asks for the past week and downloads the finished package: a ZIP with its METS.xml whose SHA-256 is the one the
/// page shows. The hub, the refusal and the finished list are axe-clean and reflow.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ArchivePackageFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task The_kansli_asks_for_a_package_for_a_period_and_downloads_it()
    {
        var filed = await app.Factory.FileCaseAsync(CaseState.Avslutad);
        var today = Stockholm.Today(app.Factory.Clock.GetUtcNow());

        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "kansli@insjoriket.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Arkiv och loggar" }).First.ClickAndLoadAsync();
        Assert.Equal("/arkiv", Ui.PathOf(page));
        await Assertions.Expect(page.GetByTestId("archive-hub").GetByRole(AriaRole.Link))
            .ToHaveTextAsync(["Behandlingshistorik", "Loggkontroll", "Gallring", "Arkivpaket", "Utlämnanden"]);
        await Ui.AssertAccessibleAsync(page, "/arkiv");

        await page.GetByRole(AriaRole.Link, new() { Name = "Arkivpaket", Exact = true }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Arkivpaket", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("no-packages")).ToBeVisibleAsync();

        await page.GetByLabel("Periodens första dag").FillAsync(today.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Periodens sista dag").FillAsync(today.AddDays(-7).ToString("yyyy-MM-dd"));
        await page.GetByTestId("request-package").ClickAndLoadAsync();
        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Arkivpaketet är inte beställt");
        await Assertions.Expect(page.Locator("#till-error")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.GetByTestId("no-packages")).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync(page, "/arkivpaket refused");

        await page.GetByLabel("Periodens första dag").FillAsync(today.AddDays(-7).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Periodens sista dag").FillAsync(today.ToString("yyyy-MM-dd"));
        await page.GetByTestId("request-package").ClickAndLoadAsync();
        // Hangfire is off in the test app, so the package is built within the request.
        await page.GotoAsync("/arkivpaket");
        var row = page.GetByTestId("package");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("1 ärende");
        await Ui.AssertAccessibleAsync(page, "/arkivpaket with a package");

        var shown = (await page.GetByTestId("sha256").TextContentAsync())!.Trim();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download").ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(shown, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/METS.xml", StringComparison.Ordinal) || e.FullName == "METS.xml");
        Assert.Contains(zip.Entries, e => e.FullName.Contains(filed.Reference, StringComparison.Ordinal) && e.FullName.EndsWith(".pdf", StringComparison.Ordinal));
    }
}
