using LexHeller.Core.AccessLog;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.AccessLog;

/// <summary>
/// A reporter read a case late on a Wednesday evening; on the Monday the kansli finds the flag on Loggkontroll, is
/// told a note is needed, writes one and sees the flag checked. The limits form is axe-clean too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessReviewFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task The_kansli_checks_a_flag_of_a_late_evening_read_with_a_note()
    {
        var monday = new DateOnly(2026, 6, 1);
        var reporter = app.Factory.WithDb(db => db.Users.Single(u => u.Email == "rapportor@insjoriket.example").Id);
        var ins = app.Factory.WithDb(db => db.Forbund.Single(f => f.Code == "INS").Id);
        await app.Factory.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<LexHellerDb>();
            await new AccessLogWriter(db, new FakeTimeProvider(Stockholm.ToUtc(monday.AddDays(2), new TimeOnly(22, 15))))
                .RecordAsync(new(reporter, "Rapportor", null, "/inkorg?q=remiss"), ins, AccessKind.Search, null, "”remiss”: 1 ärende, visade 1");
            await new AccessLogReview(db, new FakeTimeProvider(Stockholm.ToUtc(monday.AddDays(7), new TimeOnly(6, 0)))).RunAsync(app.RootUrl);
        });

        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "kansli@insjoriket.example");
        await page.GotoAsync("/behandlingshistorik");
        await page.GetByRole(AriaRole.Link, new() { Name = "Loggkontroll", Exact = true }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Loggkontroll", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=flags] tbody tr")).ToHaveCountAsync(1);
        await Ui.AssertAccessibleAsync(page, "/behandlingshistorik/kontroll");

        await page.GetByRole(AriaRole.Button, new() { Name = "Markera som kontrollerad" }).ClickAndLoadAsync();
        await Assertions.Expect(page.Locator(".field-error").First).ToHaveTextAsync("Skriv en anteckning om vad kontrollen visade.");
        await Ui.AssertAccessibleAsync(page, "/behandlingshistorik/kontroll refused");

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Anteckning" }).FillAsync("Rapportören sökte i sitt eget ärende.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Markera som kontrollerad" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Flaggan för Sara Lindqvist markerades som kontrollerad.");
        await Assertions.Expect(page.Locator("[data-testid=flags] tbody tr")).ToHaveCountAsync(0);

        await page.GotoAsync("/behandlingshistorik/kontroll/installningar");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gränser för loggkontrollen", Level = 1 })).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync(page, "/behandlingshistorik/kontroll/installningar");
    }
}
