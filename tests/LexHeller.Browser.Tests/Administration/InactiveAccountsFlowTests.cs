using LexHeller.Browser.Tests.Cases;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Administration;

/// <summary>
/// Half a year on, the kansli follows the users list's link to the accounts nobody uses, ticks two roles, confirms
/// and sees them deactivated. Every step is axe-clean and reflows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InactiveAccountsFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task The_kansli_deactivates_the_roles_of_two_people_who_have_not_logged_in_for_half_a_year()
    {
        // The demo users were created when the server started and none of them has logged in since.
        app.Factory.Clock.Advance(TimeSpan.FromDays(200));
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "kansli@insjoriket.example");

        await page.Menu("Användare").ClickAndLoadAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Konton som inte används" }).ClickAndLoadAsync();
        Assert.Equal("/anvandare/inaktiva", Ui.PathOf(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Konton som inte används", Level = 1 })).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync(page, "/anvandare/inaktiva");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Välj Sara Lindqvist, Rapportör" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Välj Lena Forsberg, Styrelse" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Inaktivera markerade" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inaktivera 2 roller?" })).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync(page, "/anvandare/inaktiva confirmation");

        await page.GetByRole(AriaRole.Button, new() { Name = "Inaktivera 2 roller" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("2 roller inaktiverades.");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Välj Sara Lindqvist, Rapportör" })).ToHaveCountAsync(0);
        await Ui.AssertAccessibleAsync(page, "/anvandare/inaktiva after deactivation");
        Assert.False(app.Factory.WithDb(db => db.Memberships.Single(m => m.User.Email == "rapportor@insjoriket.example").IsActive));
    }
}
