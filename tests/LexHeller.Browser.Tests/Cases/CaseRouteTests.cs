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

    /// <summary>Opens a choice of "Vad vill du göra?" on the case page.</summary>
    private static Task ChooseAsync(IPage page, string choice) =>
        page.GetByTestId("choices").GetByRole(AriaRole.Link, new() { Name = choice, Exact = true }).ClickAndLoadAsync();

    /// <summary>Opens the choice, and takes the step with the button of the same name on its page.</summary>
    private static async Task TakeAsync(IPage page, string choice)
    {
        await ChooseAsync(page, choice);
        await PressAsync(page, choice);
    }

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
        // The report comes before the choices, and the natural next step is the one primary choice.
        var headings = await kansli.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Level = 2 }).AllInnerTextsAsync();
        Assert.True(headings.ToList().IndexOf("Rapporten") < headings.ToList().IndexOf("Vad vill du göra?"), string.Join(" | ", headings));
        await Assertions.Expect(kansli.GetByTestId("choices").Locator("a.button:not(.button-secondary)")).ToHaveTextAsync("Ta ärendet");
        await ChooseAsync(kansli, "Ta ärendet");
        await Assertions.Expect(kansli.GetByTestId("who-is-told")).ToContainTextAsync("Ingen får något meddelande.");
        await Ui.AssertAccessibleAsync(kansli, "valet Ta ärendet");
        await PressAsync(kansli, "Ta ärendet");
        await Assertions.Expect(kansli.GetByRole(AriaRole.Main)).ToContainTextAsync("Du har tagit ärendet.");

        // Striking text shows every place first, however it is capitalised.
        await ChooseAsync(kansli, "Stryk text");
        await kansli.GetByLabel("Text att stryka").FillAsync("KARTLÄGGNING");
        await PressAsync(kansli, "Visa var texten finns");
        await Assertions.Expect(kansli.GetByTestId("redaction-extent")).ToContainTextAsync("1 ställe i 1 fält");
        await Assertions.Expect(kansli.Locator("[data-testid=redaction-places] mark")).ToHaveTextAsync("kartläggning");
        await Ui.AssertAccessibleAsync(kansli, "förhandsvisningen av strykningen");
        await PressAsync(kansli, "Stryk text");
        await Assertions.Expect(kansli.GetByTestId("timeline")).ToContainTextAsync("Text ströks på 1 ställe");

        await TakeAsync(kansli, "Redo för BUG");
        await TakeAsync(kansli, "Behandla i BUG");
        await ChooseAsync(kansli, "Remittera till part");
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
            await Assertions.Expect(member.GetByTestId("confirm-response")).ToContainTextAsync("Svaret går inte att ändra efter att det skickats.");
            await Ui.AssertAccessibleAsync(member, $"bekräftelsen av svaret ({email})");
            await PressAsync(member, "Skicka");
            await member.Context.CloseAsync();
        }

        // The kansli concludes and publishes.
        await kansli.GotoAsync(casePath);
        await Assertions.Expect(kansli.GetByTestId("case-state")).ToContainTextAsync("Besvarad");
        await ChooseAsync(kansli, "Avsluta");
        await Assertions.Expect(kansli.GetByLabel("Publicera svaret för förbundets användare")).Not.ToBeCheckedAsync();
        await kansli.GetByLabel("Utfall").SelectOptionAsync(new SelectOptionValue { Label = "Åtgärd vidtagen av part" });
        await kansli.GetByLabel("Sammanfattning").FillAsync("Intyg och kartläggning väntade på varandra.");
        await kansli.GetByLabel("Svar", new() { Exact = true }).FillAsync("AF kartlägger först; FK och regionen har en gemensam rutin.");
        await kansli.GetByLabel("Publicera svaret för förbundets användare").CheckAsync();
        await PressAsync(kansli, "Avsluta");
        // Both parties answered, so they approve the text before it is published.
        await Assertions.Expect(kansli.GetByTestId("confirmation")).ToContainTextAsync("Svaret publiceras inte än");
        await Ui.AssertAccessibleAsync(kansli, "bekräftelsen av avslut och publicering");
        await PressAsync(kansli, "Avsluta och be parterna godkänna");
        await Assertions.Expect(kansli.GetByTestId("case-state")).ToContainTextAsync("Avslutad");
        await Assertions.Expect(kansli.GetByTestId("sign-off")).ToContainTextAsync("Väntar");
        await Ui.AssertAccessibleAsync(kansli, "avslutat ärende");

        foreach (var (email, party) in new[] { ("bug.fk@insjoriket.example", "Försäkringskassan"), ("bug.af@insjoriket.example", "Arbetsförmedlingen") })
        {
            var member = await AsAsync(email);
            await member.GotoAsync(casePath);
            await Assertions.Expect(member.GetByTestId("publication").GetByRole(AriaRole.Button)).ToHaveTextAsync($"Godkänn texten för {party}");
            await Ui.AssertAccessibleAsync(member, $"godkännandet av texten ({email})");
            await PressAsync(member, $"Godkänn texten för {party}");
            await Assertions.Expect(member.GetByRole(AriaRole.Main)).ToContainTextAsync($"Du har godkänt texten för {party}.");
            await member.Context.CloseAsync();
        }

        // The kansli sees that both approved and publishes.
        await kansli.GotoAsync(casePath);
        await Assertions.Expect(kansli.GetByTestId("publication")).ToContainTextAsync("Alla parter som svarade har godkänt texten.");
        await ChooseAsync(kansli, "Publicera svaret");
        await PressAsync(kansli, "Fortsätt till bekräftelsen");
        await PressAsync(kansli, "Publicera svaret");
        await Assertions.Expect(kansli.GetByRole(AriaRole.Main)).ToContainTextAsync("Du har publicerat svaret.");
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
