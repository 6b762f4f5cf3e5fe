using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Meetings;

/// <summary>
/// At the meeting the kansli records each decision on the meeting page with the keyboard: the row's disclosure opens,
/// a refused decision shows its errors in that row, a saved one brings the focus back to the same row. Axe-clean at
/// each step.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DecisionFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task The_kansli_decides_each_item_at_the_table_with_the_keyboard()
    {
        var factory = app.Factory;
        var ready = await factory.FileCaseAsync(CaseState.RedoForBug);
        var now = factory.Clock.GetUtcNow();
        var (meetingId, freeId) = await factory.WithDbAsync(async db =>
        {
            var forbund = await db.Forbund.SingleAsync(f => f.Code == "INS");
            var m = Meeting.Plan(forbund.Id, now.AddDays(20), "Kommunhuset", null, null, Meeting.DefaultCutoffDays, now);
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            var free = m.AddFreeItem(AgendaItemKind.Information, "Rapport från styrelsen", "Verksamhetsplanen är antagen.", now);
            await db.SaveChangesAsync();
            return (m.Id, free.Id);
        });
        await factory.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        var startsAt = factory.WithDb(db => db.Meetings.Single(m => m.Id == meetingId).StartsAt);
        factory.Clock.Advance(TimeSpan.FromDays(10));
        await factory.WithScopeAsync(s => s.GetRequiredService<Agendas>().CloseDueAgendasAsync("https://lexheller.example"));
        factory.Clock.Advance(startsAt.AddMinutes(30) - factory.Clock.GetUtcNow());
        var caseItem = factory.WithDb(db => db.AgendaItems.Single(i => i.CaseId == ready.Id).Id);

        var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "kansli@insjoriket.example");
        await page.GotoAsync($"/moten/{meetingId}");
        await Ui.AssertAccessibleAsync(page, "mötet på mötesdagen");

        // The row's disclosure opens from the keyboard.
        var row = page.Locator($"#punkt-{caseItem}");
        await row.Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(row.GetByRole(AriaRole.Group, new() { Name = $"Remittera till part: {ready.Reference}" })).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync(page, "en öppen beslutsrad");

        // A referral without parties is refused in the row, which opens again with the error by its field.
        var refer = row.GetByRole(AriaRole.Group, new() { Name = $"Remittera till part: {ready.Reference}" });
        await refer.GetByRole(AriaRole.Button, new() { Name = $"Remittera till part {ready.Reference}" }).ClickAndLoadAsync();
        await Assertions.Expect(page.Locator($"#p{caseItem}-err-referto")).ToHaveTextAsync("Välj minst en part att remittera till.");
        Assert.EndsWith($"#punkt-{caseItem}", page.Url);
        await Ui.AssertAccessibleAsync(page, "en beslutsrad med fel");

        // Concluded: back on the same row, which has the focus, with the decision in words.
        var conclude = page.Locator($"#punkt-{caseItem}").GetByRole(AriaRole.Group, new() { Name = $"Avsluta: {ready.Reference}" });
        await conclude.GetByLabel("Utfall").SelectOptionAsync(new SelectOptionValue { Label = "Lyft till styrelsen" });
        await conclude.GetByLabel("Sammanfattning").FillAsync("Frågan gäller alla kommuner i förbundet.");
        await conclude.GetByLabel("Svar", new() { Exact = true }).FillAsync("Styrelsen tar upp frågan med huvudmännen.");
        await conclude.GetByLabel("Svar", new() { Exact = true }).PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/moten/{meetingId}#punkt-{caseItem}");
        await Assertions.Expect(page.Locator($"#punkt-{caseItem} [data-testid=decision]")).ToContainTextAsync("BUG beslutar att avsluta ärendet");
        Assert.Equal($"punkt-{caseItem}", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await Ui.AssertAccessibleAsync(page, "ett beslutat ärende");

        // The free item is noted.
        var free = page.Locator($"#punkt-{freeId}");
        await free.Locator("summary").ClickAsync();
        await free.GetByLabel("Anteckning till protokollet (frivilligt)").FillAsync("BUG vill se planen i maj.");
        await free.GetByRole(AriaRole.Button, new() { Name = "Notera Rapport från styrelsen" }).ClickAndLoadAsync();
        await Assertions.Expect(page.Locator($"#punkt-{freeId} [data-testid=decision]")).ToContainTextAsync("Informationen noterades.");
        Assert.Equal($"punkt-{freeId}", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await Ui.AssertAccessibleAsync(page, "alla punkter beslutade");
        await context.CloseAsync();
    }
}
