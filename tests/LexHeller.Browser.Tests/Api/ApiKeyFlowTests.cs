using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using LexHeller.Browser.Tests.Cases;
using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Api;

/// <summary>
/// The kansli creates an API key from the menu's API-nycklar, sees it once, a partner system reads the published
/// answers with it, and the kansli revokes it after a confirmation, after which the same call is refused. The key
/// pages and the API reference page, which anyone may read, are axe-clean and reflow.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiKeyFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task The_kansli_creates_a_key_that_works_once_shown_and_revokes_it()
    {
        await app.Factory.FileCaseAsync(CaseState.Avslutad);
        var lastDay = Stockholm.Today(app.Factory.Clock.GetUtcNow()).AddDays(90);

        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "kansli@insjoriket.example");
        await page.Menu("API-nycklar").ClickAndLoadAsync();
        Assert.Equal("/api-nycklar", Ui.PathOf(page));
        await Assertions.Expect(page.GetByTestId("no-keys")).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync(page, "/api-nycklar");

        await page.GetByLabel("Namn", new() { Exact = true }).FillAsync("Förbundets webbplats");
        await page.GetByLabel("Publicerade svar").CheckAsync();
        await page.GetByLabel("Sista giltighetsdag").FillAsync(lastDay.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa nyckeln" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByTestId("created")).ToContainTextAsync("den visas bara den här gången");
        var secret = await page.GetByTestId("secret").InputValueAsync();
        Assert.True(secret.Length >= 40, secret);
        await Ui.AssertAccessibleAsync(page, "/api-nycklar with the new key");

        // A partner system reads the published answers with it.
        var headers = new Dictionary<string, string> { ["X-Api-Key"] = secret };
        var answer = await context.APIRequest.GetAsync("/api/v1/published", new() { Headers = headers });
        Assert.Equal(200, answer.Status);
        Assert.Contains("\"items\"", await answer.TextAsync());

        // Shown once: the list no longer has it, only its beginning.
        await page.GotoAsync("/api-nycklar");
        await Assertions.Expect(page.GetByTestId("created")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync());
        var row = page.GetByTestId("api-keys").Locator("tbody tr");
        await Assertions.Expect(row).ToContainTextAsync(secret[..8]);
        await Assertions.Expect(row.GetByTestId("state")).ToHaveTextAsync("Aktiv");

        await row.GetByRole(AriaRole.Link, new() { Name = "Återkalla" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Återkalla API-nyckeln ”Förbundets webbplats”?");
        await Ui.AssertAccessibleAsync(page, "the revocation's confirmation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, återkalla nyckeln" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("API-nyckeln ”Förbundets webbplats” återkallades.");

        var refused = await context.APIRequest.GetAsync("/api/v1/published", new() { Headers = headers });
        Assert.Equal(401, refused.Status);
        Assert.StartsWith("application/problem+json", refused.Headers["content-type"]);
    }

    [Fact]
    public async Task The_API_reference_is_readable_without_logging_in_and_lists_every_operation()
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/api/v1/docs");
        Assert.Equal("/api/v1/docs", Ui.PathOf(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("API-referens: Lex Heller API");
        var operations = await page.GetByTestId("api-operation").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.operation)");
        Assert.Contains("GET /api/v1/published", operations);
        Assert.Contains("GET /api/v1/compilations/{id}", operations);
        await Assertions.Expect(page.GetByTestId("api-toc").GetByRole(AriaRole.Link)).ToHaveCountAsync(operations.Length);
        await Ui.AssertAccessibleAsync(page, "/api/v1/docs");
    }
}
