using LexHeller.Browser.Tests.Cases;
using LexHeller.Core.Cases;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Systemic;

/// <summary>The app on a loopback port with its mail going over SMTP to a real server on 127.0.0.1.</summary>
public sealed class LoopServer : IAsyncLifetime
{
    public LoopServer() => Factory = AppFactory.WithRealServer(("Demo:Cases", "false"),
        ("Smtp:Host", "127.0.0.1"), ("Smtp:Port", Smtp.Port.ToString()), ("Smtp:Security", "None"), ("Smtp:From", "lexheller@lexheller.example"));

    public SmtpTestServer Smtp { get; } = new();

    public AppFactory Factory { get; }

    public string RootUrl => Factory.RootUrl;

    /// <summary>Runs the real sender once, as the recurring job does (Hangfire is off in tests).</summary>
    public Task DeliverAsync() => Factory.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);

    public Task InitializeAsync() => Smtp.StartAsync();

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// The loop from a case to a change, in the browser: the kansli of Insjöriket sees a near-duplicate suggested with its
/// reasons, links the two cases and registers a systemfel from the case; both förbund join the joint register; the
/// kansli of Södra Norrbotten finds the systemfel there and links its own case; Insjöriket sees that case only as
/// "färre än 3"; a measure is added, marked done and, on its follow-up day, followed up with its effect; the first
/// reporter reads on their case, and in their mail, what happened, and nothing of the other cases.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SystemicLoopTests(BrowserFixture browser, LoopServer app) : IClassFixture<LoopServer>
{
    private const string Fk = "Försäkringskassan";
    private const string Af = "Arbetsförmedlingen";
    private const string InsKansli = "kansli@insjoriket.example";
    private const string SnbKansli = "kansli@sodranorrbotten.example";
    private const string Reporter = "rapportor@insjoriket.example";
    private static readonly (string, string, string, string)[] FkAfConflict =
        [(Fk, "Läkarintyg om nedsatt arbetsförmåga innan sjukpenning betalas ut.", Af, "Inskrivning som arbetssökande med full arbetsförmåga.")];

    private const string TargetText = "Försäkringskassan krävde ett läkarintyg om nedsatt arbetsförmåga innan sjukpenningen betalades ut, medan Arbetsförmedlingen krävde inskrivning som arbetssökande.";
    private const string DuplicateText = "Arbetsförmedlingen ville ha inskrivning som arbetssökande, Försäkringskassan ett läkarintyg om nedsatt arbetsförmåga för sjukpenningen.";
    private const string OtherForbundText = "Sjukpenningen i Norrbotten uteblev när läkarintyget om arbetsförmåga krockade med kravet på inskrivning hos Arbetsförmedlingen i Boden.";

    private async Task<IPage> AsAsync(string email)
    {
        var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, email);
        return page;
    }

    private static Task PressAsync(IPage page, string button) =>
        page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAndLoadAsync();

    private static Task ExpectStatusAsync(IPage page, string text) =>
        Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync(text);

    /// <summary>The administrator moves the app clock on the test page; a jump of weeks outlives the session, so the user logs in again.</summary>
    private async Task MoveClockAsync(IPage page, string email, int days)
    {
        await using (var adminContext = await browser.NewContextAsync(app.RootUrl))
        {
            var admin = await adminContext.NewPageAsync();
            await Ui.LoginAsync(admin, "admin@lexheller.example");
            await admin.GotoAsync("/test/klocka");
            await admin.GetByLabel("Flytta fram antal dagar").FillAsync(days.ToString());
            await PressAsync(admin, "Flytta fram klockan");
            await ExpectStatusAsync(admin, "Klockan är nu");
        }
        await Ui.LoginAsync(page, email);
        Assert.Equal("/", Ui.PathOf(page));
    }

    /// <summary>The kansli joins the joint register on "Inställningar".</summary>
    private static async Task JoinRegisterAsync(IPage kansli)
    {
        await kansli.Menu("Inställningar").ClickAndLoadAsync();
        await kansli.GetByLabel("Delta i det gemensamma registret över systemfel").CheckAsync();
        await PressAsync(kansli, "Spara inställningarna");
        await ExpectStatusAsync(kansli, "Förbundet deltar nu i det gemensamma registret.");
        await Assertions.Expect(kansli.GetByLabel("Delta i det gemensamma registret över systemfel")).ToBeCheckedAsync();
    }

    /// <summary>
    /// A year of Insjöriket's cases: the case the loop starts from, one near-duplicate from another reporter, and
    /// everyday cases about other things, which make the shared words rare as they are in life (the ranking weighs a
    /// word by how rare it is); and one case of Södra Norrbotten about the same conflict.
    /// </summary>
    private async Task<(CaseFactory.Filed Target, CaseFactory.Filed Duplicate, CaseFactory.Filed Other)> SeedAsync()
    {
        var f = app.Factory;
        var target = await f.FileCaseAsync(CaseState.UnderGranskning, reporterEmail: Reporter, whatHappened: TargetText,
            consequences: "Hushållet stod utan sjukpenning och försörjningsstöd i två månader.", category: "Regler som krockar",
            parties: [Fk, Af], conflicts: FkAfConflict);
        var duplicate = await f.FileCaseAsync(reporterEmail: "rapportor.kommun@insjoriket.example", whatHappened: DuplicateText,
            consequences: "Ingen sjukpenning betalades ut under tiden.", category: "Regler som krockar", parties: [Fk, Af], conflicts: FkAfConflict);
        var everyday = new[]
        {
            ("Tolken till mötet på vårdcentralen uteblev och samtalet fick ställas in.", "Besöket bokades om tre gånger.", "Språk och tolk", "Västra Götalandsregionen"),
            ("Bostadsbolaget sade upp kontraktet utan att socialtjänsten underrättades om hyresskulden.", "Familjen blev bostadslös över vintern.", "Boende", "Mölndals stad"),
            ("Remissen från vårdcentralen till psykiatrin kom aldrig fram och ingen kontaktade patienten.", "Vården försenades med ett halvår.", "Överlämning och remiss", "Västra Götalandsregionen"),
            ("Skolan och elevhälsan delade inte uppgifter om frånvaron på grund av sekretessen.", "Eleven missade en termin.", "Informationsdelning och sekretess", "Partille kommun"),
            ("Handläggaren på kommunens ekonomiska bistånd svarade inte på telefon under sommaren.", "Räkningarna blev obetalda.", "Nåbarhet och kontakt", "Lerums kommun"),
            ("Kön till budget- och skuldrådgivningen var fem månader lång.", "Skulderna växte under tiden.", "Väntetid", "Mölndals stad"),
        };
        for (var round = 0; round < 3; round++)
            foreach (var (what, consequence, kind, party) in everyday)
                await f.FileCaseAsync(whatHappened: $"{what} Gång {round + 1}.", consequences: consequence, category: kind, parties: [party]);
        var other = await f.FileCaseAsync(CaseState.UnderGranskning, reporterEmail: "rapportor@sodranorrbotten.example", whatHappened: OtherForbundText,
            consequences: "Personen stod utan inkomst i sex veckor.", category: "Regler som krockar", parties: [Fk, Af], conflicts: FkAfConflict);
        return (target, duplicate, other);
    }

    [Fact]
    public async Task A_case_becomes_a_systemfel_across_two_forbund_and_its_reporter_hears_what_the_measure_did()
    {
        var (target, duplicate, other) = await SeedAsync();
        const string title = "Sjukpenning kräver läkarintyg, inskrivning kräver arbetsförmåga";
        const string measureText = "Försäkringskassan och Arbetsförmedlingen inför en gemensam rutin för läkarintyg vid inskrivning.";
        const string toReporters = "Rutinen gäller från första kvartalet.";

        // Insjöriket's kansli opens the case from the inbox and sees the near-duplicate suggested, with why.
        var kansli = await AsAsync(InsKansli);
        await kansli.Menu("Inkorg").ClickAndLoadAsync();
        await kansli.GetByLabel("Sök i text eller referens").FillAsync(target.Reference);
        await PressAsync(kansli, "Visa");
        await kansli.GetByRole(AriaRole.Link, new() { Name = target.Reference, Exact = true }).ClickAndLoadAsync();
        Assert.Equal($"/arenden/{target.Id}", Ui.PathOf(kansli));
        var suggestion = kansli.GetByTestId("suggestion").First;
        await Assertions.Expect(suggestion).ToHaveAttributeAsync("data-case", duplicate.Id.ToString());
        await Assertions.Expect(suggestion).ToContainTextAsync(duplicate.Reference);
        await Assertions.Expect(suggestion.GetByTestId("reasons")).ToContainTextAsync("liknande text");
        await Assertions.Expect(suggestion.GetByTestId("reasons")).ToContainTextAsync($"samma regelkrock: {Fk} ↔ {Af}");
        // Before the joint register, nothing of Södra Norrbotten is suggested.
        await Assertions.Expect(kansli.GetByTestId("other-forbund")).ToHaveCountAsync(0);
        await Ui.AssertAccessibleAsync(kansli, "ärendet med förslag");

        // It links the two cases, then starts a systemfel from the case.
        await suggestion.GetByRole(AriaRole.Button, new() { Name = "Koppla till det här ärendet" }).ClickAndLoadAsync();
        await ExpectStatusAsync(kansli, $"Du har kopplat ärendet till {duplicate.Reference}.");
        await Assertions.Expect(kansli.GetByTestId("linked-cases").GetByRole(AriaRole.Link, new() { Name = duplicate.Reference, Exact = true })).ToBeVisibleAsync();
        await kansli.GetByRole(AriaRole.Link, new() { Name = "Nytt systemfel från ärendet" }).ClickAndLoadAsync();
        Assert.Equal($"/systemfel/ny?arende={target.Id}", Ui.PathOf(kansli));
        await Assertions.Expect(kansli.GetByTestId("from-case")).ToContainTextAsync(target.Reference);
        await kansli.GetByLabel("Rubrik").FillAsync(title);
        await kansli.GetByLabel("Beskrivning").FillAsync("Försäkringskassan kräver läkarintyg om nedsatt arbetsförmåga för sjukpenning, Arbetsförmedlingen kräver full arbetsförmåga för inskrivning. Personen får ingetdera.");
        await kansli.GetByLabel("Kategori (frivilligt)").SelectOptionAsync(new SelectOptionValue { Label = "Regler som krockar" });
        var parties = kansli.GetByRole(AriaRole.Group, new() { Name = "Berörda parter" });
        await parties.GetByLabel(Fk, new() { Exact = true }).CheckAsync();
        await parties.GetByLabel(Af, new() { Exact = true }).CheckAsync();
        await kansli.GetByLabel("Den ena parten").SelectOptionAsync(new SelectOptionValue { Label = Fk });
        await kansli.GetByLabel("Den andra parten").SelectOptionAsync(new SelectOptionValue { Label = Af });
        await Ui.AssertAccessibleAsync(kansli, "nytt systemfel från ärendet");
        await PressAsync(kansli, "Registrera systemfelet");
        await ExpectStatusAsync(kansli, $"Du har registrerat systemfelet ”{title}” och kopplat {target.Reference} till det.");
        var systemicPath = Ui.PathOf(kansli);
        Assert.Matches("^/systemfel/[0-9]+$", systemicPath);
        await Assertions.Expect(kansli.GetByTestId("systemic-state")).ToContainTextAsync("Status: Identifierat");
        await Assertions.Expect(kansli.GetByTestId("facts")).ToContainTextAsync($"{Fk} ↔ {Af}");

        // The near-duplicate goes on the systemfel too, by its reference.
        await kansli.GetByLabel("Ärendets referens").FillAsync(duplicate.Reference);
        await PressAsync(kansli, "Koppla ärendet");
        await ExpectStatusAsync(kansli, $"Du har kopplat {duplicate.Reference} till systemfelet ”{title}”.");
        await Assertions.Expect(kansli.GetByTestId("reader-cases")).ToContainTextAsync(target.Reference);
        await Assertions.Expect(kansli.GetByTestId("reader-cases")).ToContainTextAsync(duplicate.Reference);
        await Assertions.Expect(kansli.GetByTestId("own-count")).ToHaveTextAsync("2");
        await Assertions.Expect(kansli.GetByTestId("other-count")).ToHaveTextAsync("0");

        // Both förbund join the joint register.
        await JoinRegisterAsync(kansli);
        var snb = await AsAsync(SnbKansli);
        await JoinRegisterAsync(snb);

        // Södra Norrbotten's kansli finds the systemfel in the joint register and links its own case to it.
        await snb.Menu("Systemfel").ClickAndLoadAsync();
        var row = snb.GetByTestId("register-list").Locator("tbody tr", new() { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync("Samordningsförbundet Insjöriket");
        await Ui.AssertAccessibleAsync(snb, "systemfel med gemensamma registret");
        await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAndLoadAsync();
        Assert.Equal(systemicPath, Ui.PathOf(snb));
        await Assertions.Expect(snb.GetByTestId("systemic-state")).ToContainTextAsync("Samordningsförbundet Insjöriket · Status: Identifierat");
        // The owner's two cases are a small count to another förbund, and never named.
        await Assertions.Expect(snb.GetByTestId("own-count")).ToHaveTextAsync("färre än 3");
        Assert.DoesNotContain(target.Reference, await snb.ContentAsync());
        Assert.DoesNotContain(duplicate.Reference, await snb.ContentAsync());
        await snb.GetByLabel("Ärendets referens").FillAsync(other.Reference);
        await PressAsync(snb, "Koppla ärendet");
        await ExpectStatusAsync(snb, $"Du har kopplat {other.Reference} till systemfelet ”{title}”.");
        await Assertions.Expect(snb.GetByTestId("reader-cases")).ToContainTextAsync(other.Reference);
        // Its own link is in the history it reads; the owner's links are not.
        await Assertions.Expect(snb.GetByTestId("history")).ToContainTextAsync("Samordningsförbundet Södra Norrbotten kopplade ett ärende");
        await Assertions.Expect(snb.GetByTestId("history").Locator("tbody tr", new() { HasText = "kopplade ett ärende" })).ToHaveCountAsync(1);
        await Ui.AssertAccessibleAsync(snb, "systemfelet för ett annat förbunds kansli");
        await snb.Context.CloseAsync();

        // Insjöriket sees the count grow, held back as "färre än 3", and nothing else of that case: not its reference,
        // not its text, and no history row that would count it one by one.
        await kansli.GotoAsync(systemicPath);
        await Assertions.Expect(kansli.GetByTestId("own-count")).ToHaveTextAsync("2");
        await Assertions.Expect(kansli.GetByTestId("other-count")).ToHaveTextAsync("färre än 3");
        var ownerView = await kansli.ContentAsync();
        Assert.DoesNotContain(other.Reference, ownerView);
        Assert.DoesNotContain("Norrbotten uteblev", ownerView);
        await Assertions.Expect(kansli.GetByTestId("history")).Not.ToContainTextAsync("Södra Norrbotten");
        await Ui.AssertAccessibleAsync(kansli, "systemfelet med ett annat förbunds ärende");

        // The kansli adds a measure to the systemfel.
        var today = Stockholm.Today(app.Factory.Clock.GetUtcNow());
        var (due, followUp) = (today.AddDays(14), today.AddDays(42));
        await kansli.GetByRole(AriaRole.Link, new() { Name = "Lägg till åtgärd" }).ClickAndLoadAsync();
        await kansli.GetByLabel("Vad ska göras?").FillAsync(measureText);
        await kansli.GetByLabel("Vem genomför den?").SelectOptionAsync(new SelectOptionValue { Label = Fk });
        await kansli.GetByLabel("Ska vara genomförd senast").FillAsync(due.ToString("yyyy-MM-dd"));
        await kansli.GetByLabel("Effekten följs upp").FillAsync(followUp.ToString("yyyy-MM-dd"));
        await Ui.AssertAccessibleAsync(kansli, "ny åtgärd");
        await PressAsync(kansli, "Lägg till åtgärden");
        await ExpectStatusAsync(kansli, $"Du har lagt till åtgärden. Den ska vara genomförd {due:yyyy-MM-dd} och följas upp {followUp:yyyy-MM-dd}.");
        var measurePath = Ui.PathOf(kansli);
        Assert.Matches("^/atgarder/[0-9]+$", measurePath);
        await Assertions.Expect(kansli.GetByTestId("measure-status")).ToHaveTextAsync("Inte genomförd");
        // One reporter per linked case hears of it, Södra Norrbotten's included.
        await Assertions.Expect(kansli.GetByTestId("who-hears")).ToContainTextAsync("3 rapportörer (en per kopplat ärende) får ett mejl");
        await Ui.AssertAccessibleAsync(kansli, "åtgärden att genomföra");

        // It is done; the reporters are told.
        await kansli.GetByLabel("Text till rapportörerna (frivilligt)").FillAsync(toReporters);
        await PressAsync(kansli, "Markera som genomförd");
        await ExpectStatusAsync(kansli, "Du har markerat åtgärden som genomförd. 3 rapportörer får ett mejl: ”Det här har hänt sedan du rapporterade”.");
        await Assertions.Expect(kansli.GetByTestId("measure-status")).ToHaveTextAsync("Genomförd");
        await Assertions.Expect(kansli.GetByText($"Uppföljningen är planerad till {followUp:yyyy-MM-dd}")).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync(kansli, "åtgärden att följa upp");

        // Each reporter's mail names their own case only.
        await app.DeliverAsync();
        var impactMails = app.Smtp.Messages.Where(m => m.Subject is { } subject && subject.EndsWith("Det här har hänt sedan du rapporterade", StringComparison.Ordinal)).ToList();
        Assert.Equal(["rapportor.kommun@insjoriket.example", "rapportor@insjoriket.example", "rapportor@sodranorrbotten.example"],
            impactMails.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        var mail = impactMails.Single(m => m.To.Mailboxes.Single().Address == Reporter);
        Assert.Equal($"{target.Reference}: Det här har hänt sedan du rapporterade", mail.Subject);
        Assert.Contains($"En åtgärd har genomförts: {measureText} {toReporters}", mail.TextBody);
        Assert.Contains($"/arenden/{target.Id}", mail.TextBody);
        foreach (var foreign in new[] { duplicate.Reference, other.Reference, "Norrbotten uteblev", DuplicateText })
        {
            Assert.DoesNotContain(foreign, mail.TextBody);
            Assert.DoesNotContain(foreign, mail.HtmlBody ?? "");
        }
        var otherMail = impactMails.Single(m => m.To.Mailboxes.Single().Address == "rapportor@sodranorrbotten.example");
        Assert.Equal($"{other.Reference}: Det här har hänt sedan du rapporterade", otherMail.Subject);
        Assert.DoesNotContain(target.Reference, otherMail.TextBody ?? "");

        // On its follow-up day the kansli records the effect.
        await MoveClockAsync(kansli, InsKansli, 42);
        await kansli.GotoAsync(measurePath);
        await Assertions.Expect(kansli.GetByText("Uppföljningen är planerad till")).ToHaveCountAsync(0);
        await kansli.GetByLabel("Delvis").CheckAsync();
        await kansli.GetByLabel("Anteckning (frivilligt)").FillAsync("Rutinen används i Mölndal men inte ännu i Alingsås.");
        await PressAsync(kansli, "Spara uppföljningen");
        await ExpectStatusAsync(kansli, "Du har följt upp åtgärden: effekt delvis.");
        await Assertions.Expect(kansli.GetByTestId("measure-status")).ToHaveTextAsync("Uppföljd, effekt: delvis");
        await Assertions.Expect(kansli.GetByTestId("measure-facts")).ToContainTextAsync("Rutinen används i Mölndal men inte ännu i Alingsås.");
        await Ui.AssertAccessibleAsync(kansli, "uppföljd åtgärd");
        await kansli.GetByRole(AriaRole.Link, new() { Name = $"Tillbaka till systemfelet ”{title}”" }).ClickAndLoadAsync();
        Assert.Equal(systemicPath, Ui.PathOf(kansli));
        await Assertions.Expect(kansli.GetByTestId("measures")).ToContainTextAsync("Uppföljd: effekt delvis");
        await Assertions.Expect(kansli.GetByTestId("history")).ToContainTextAsync("följde upp en åtgärd");
        await Ui.AssertAccessibleAsync(kansli, "systemfelet med uppföljd åtgärd");
        await kansli.Context.CloseAsync();

        // The first reporter opens their case and reads what happened since they reported, and nothing of the others.
        var reporter = await AsAsync(Reporter);
        await reporter.Menu("Mina ärenden").ClickAndLoadAsync();
        await reporter.GetByRole(AriaRole.Link, new() { Name = target.Reference, Exact = true }).ClickAndLoadAsync();
        var ledger = reporter.GetByTestId("impact-ledger");
        await Assertions.Expect(ledger.GetByRole(AriaRole.Heading, new() { Name = "Det här har hänt sedan du rapporterade" })).ToBeVisibleAsync();
        await Assertions.Expect(ledger.Locator("li")).ToHaveCountAsync(1);
        await Assertions.Expect(ledger.Locator("li")).ToContainTextAsync($"En åtgärd har genomförts: {measureText} {toReporters}");
        await Assertions.Expect(reporter.GetByTestId("similar-cases")).ToHaveCountAsync(0);
        var reporterView = await reporter.ContentAsync();
        Assert.Contains(TargetText, reporterView);
        foreach (var foreign in new[] { duplicate.Reference, other.Reference, "Norrbotten uteblev", DuplicateText, "Södra Norrbotten" })
            Assert.DoesNotContain(foreign, reporterView);
        await Ui.AssertAccessibleAsync(reporter, "rapportörens ärende med vad som hänt");
    }
}
