using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Cases;

/// <summary>
/// The whole route in the browser: a reporter files, the kansli screens and refers to two parties, their BUG
/// members answer, the kansli concludes and publishes, and the board reads the answer. Every page is axe-clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseRouteTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
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

    [Fact]
    public async Task A_case_travels_from_the_reporter_through_kansli_and_two_parties_to_the_board()
    {
        // The reporter files.
        var reporter = await AsAsync("rapportor@insjoriket.example");
        await Filing.FillDeviationAsync(reporter, "Försäkringskassan krävde ett intyg som vården bara utfärdar efter AF:s kartläggning.");
        await PressAsync(reporter, "Skicka in");
        var reference = Regex.Match(await reporter.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync(), @"LH-INS-\d{4}-\d{4}").Value;
        Assert.NotEmpty(reference);
        var casePath = new Uri(reporter.Url).AbsolutePath;
        await reporter.Context.CloseAsync();

        // The kansli takes it, marks it ready, starts the BUG review and refers it to FK and AF.
        var kansli = await AsAsync("kansli@insjoriket.example");
        await kansli.GotoAsync(casePath);
        await Ui.AssertAccessibleAsync(kansli, "ärendet hos kansliet");
        await Assertions.Expect(kansli.GetByTestId("kansli-facts")).ToContainTextAsync("Sara Lindqvist");
        await PressAsync(kansli, "Ta ärendet");
        await PressAsync(kansli, "Redo för BUG");
        await PressAsync(kansli, "Behandla i BUG");
        await kansli.GetByLabel("Försäkringskassan", new() { Exact = true }).CheckAsync();
        await kansli.GetByLabel("Arbetsförmedlingen", new() { Exact = true }).CheckAsync();
        await Ui.AssertAccessibleAsync(kansli, "ärendet i BUG");
        await PressAsync(kansli, "Remittera till part");
        await Assertions.Expect(kansli.GetByTestId("case-state")).ToContainTextAsync("Remitterad till part");

        // Each party's BUG member answers from "Att besvara".
        foreach (var (email, answer) in new[]
                 {
                     ("bug.fk@insjoriket.example", "Försäkringskassan tar fram en gemensam rutin med regionen."),
                     ("bug.af@insjoriket.example", "Arbetsförmedlingen gör kartläggningen före intyget i sådana ärenden."),
                 })
        {
            var member = await AsAsync(email);
            await member.Menu("Att besvara").ClickAndLoadAsync();
            await Ui.AssertAccessibleAsync(member, $"Att besvara ({email})");
            await member.GetByRole(AriaRole.Link, new() { Name = reference }).First.ClickAndLoadAsync();
            await Ui.AssertAccessibleAsync(member, $"svarssidan ({email})");
            Assert.DoesNotContain("Sara Lindqvist", await member.ContentAsync());
            await member.GetByLabel("Organisationens svar").FillAsync(answer);
            await PressAsync(member, "Skicka svaret");
            await member.Context.CloseAsync();
        }

        // The kansli concludes and publishes.
        await kansli.GotoAsync(casePath);
        await Assertions.Expect(kansli.GetByTestId("case-state")).ToContainTextAsync("Besvarad");
        await kansli.GetByLabel("Utfall").SelectOptionAsync(new SelectOptionValue { Label = "Åtgärd vidtagen av part" });
        await kansli.GetByLabel("Sammanfattning").FillAsync("Intyg och kartläggning väntade på varandra.");
        await kansli.GetByLabel("Svar", new() { Exact = true }).FillAsync("AF kartlägger först; FK och regionen har en gemensam rutin.");
        await PressAsync(kansli, "Avsluta");
        await Assertions.Expect(kansli.GetByTestId("case-state")).ToContainTextAsync("Avslutad");
        await Ui.AssertAccessibleAsync(kansli, "avslutat ärende");
        await kansli.Context.CloseAsync();

        // The board reads the published answer, without learning who reported it.
        var board = await AsAsync("styrelse@insjoriket.example");
        await board.Menu("Besvarade avvikelser").ClickAndLoadAsync();
        await Ui.AssertAccessibleAsync(board, "Besvarade avvikelser");
        await board.GetByRole(AriaRole.Link, new() { Name = reference }).First.ClickAndLoadAsync();
        await Assertions.Expect(board.GetByRole(AriaRole.Main)).ToContainTextAsync("AF kartlägger först");
        await Ui.AssertAccessibleAsync(board, "publicerat svar");
        var html = await board.ContentAsync();
        Assert.DoesNotContain("Sara Lindqvist", html);
        Assert.DoesNotContain("rapportor@", html);
    }
}
