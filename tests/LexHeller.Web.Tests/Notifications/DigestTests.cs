using LexHeller.Core.Identity;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Notifications;

/// <summary>
/// Immediate mails or one daily digest, chosen on Mitt konto: the digest goes out at the förbund's digest time
/// (Stockholm), over real SMTP; mails about the account itself never wait.
/// </summary>
public sealed class DigestTests : IAsyncLifetime
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string OtherKansli = "samordnare@lexheller.example";
    private readonly MailAppFactory mail = new();
    private AppFactory App => mail.App;

    public Task InitializeAsync() => mail.InitializeAsync();

    public async Task DisposeAsync() => await mail.DisposeAsync();

    private void MoveTo(DateOnly day, TimeOnly time) => App.Clock.Advance(Stockholm.ToUtc(day, time) - App.Clock.GetUtcNow());

    private DateOnly Tomorrow => Stockholm.Today(App.Clock.GetUtcNow()).AddDays(1);

    private async Task<int> DigestSweepAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestSweep>().RunAsync("https://lexheller.example");
    }

    private static List<MimeMessage> To(IEnumerable<MimeMessage> mails, string address) =>
        mails.Where(m => m.To.Mailboxes.Any(b => b.Address == address)).ToList();

    private async Task ChooseAsync(Browserless user, string delivery)
    {
        var page = await user.PostFromAsync("/konto", "/konto?handler=MailDelivery", Form(("Delivery", delivery)));
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task A_digest_reader_gets_one_mail_at_the_digest_time_with_every_case_mail_since_and_nothing_twice()
    {
        var day1 = Tomorrow;
        MoveTo(day1, new TimeOnly(9, 0));
        using var kansli = new Browserless(App);
        await kansli.LoginAsync(Kansli);
        await ChooseAsync(kansli, "DailyDigest");
        Assert.Contains("sammanfattning om dagen", (await kansli.GetAsync("/konto")).Text);

        var first = await App.FileCaseAsync();
        var second = await App.FileCaseAsync();
        var now = await mail.DeliverAsync();
        Assert.Empty(To(now, Kansli));
        Assert.Equal(2, To(now, OtherKansli).Count); // the other kansli member reads mail as it comes

        // Today's digest time (07:00) had passed when these were written: they wait for tomorrow's.
        Assert.Equal(0, await DigestSweepAsync());
        MoveTo(day1.AddDays(1), new TimeOnly(6, 59));
        Assert.Equal(0, await DigestSweepAsync());
        Assert.Empty(To(await mail.DeliverAsync(), Kansli));

        MoveTo(day1.AddDays(1), new TimeOnly(7, 0));
        Assert.Equal(1, await DigestSweepAsync());
        Assert.Equal(0, await DigestSweepAsync());
        var digest = Assert.Single(To(await mail.DeliverAsync(), Kansli));
        Assert.Equal("Samordningsförbundet Insjöriket", digest.From.Mailboxes.Single().Name);
        Assert.Contains("2 händelser", digest.Subject);
        foreach (var filed in new[] { first, second })
        {
            Assert.Contains($"/arenden/ref/{filed.Reference}", digest.TextBody);
            Assert.Contains($"/arenden/ref/{filed.Reference}", digest.HtmlBody);
        }
        Assert.DoesNotContain("Remissen från kommunen", digest.TextBody + digest.HtmlBody);
        var rows = App.WithDb(db => db.Outbox.Where(m => m.Subject.StartsWith(first.Reference + ":") || m.Subject.StartsWith(second.Reference + ":")).ToList());
        Assert.All(rows.Where(r => r.To == Kansli), r => Assert.Equal(OutboxStatus.InDigest, r.Status));

        // Later that day and the next: nothing new, nothing again.
        MoveTo(day1.AddDays(2), new TimeOnly(8, 0));
        Assert.Equal(0, await DigestSweepAsync());
        Assert.Empty(To(await mail.DeliverAsync(), Kansli));
    }

    [Fact]
    public async Task A_digest_that_gathers_a_reporters_mail_about_their_case_is_reporter_bound_too()
    {
        const string reporter = "rapportor@insjoriket.example";
        var day1 = Tomorrow;
        MoveTo(day1, new TimeOnly(9, 0));
        using var browser = new Browserless(App);
        await browser.LoginAsync(reporter);
        await ChooseAsync(browser, "DailyDigest");
        var filed = await App.FileCaseAsync(LexHeller.Core.Cases.CaseState.Avvisad, reporterEmail: reporter);

        MoveTo(day1.AddDays(1), new TimeOnly(7, 0));
        Assert.True(await DigestSweepAsync() >= 1);
        var rows = App.WithDb(db => db.Outbox.Where(m => m.To == reporter).ToList());
        var step = rows.Single(m => m.Subject == $"{filed.Reference}: Ditt ärende har avvisats");
        Assert.True(step.ReporterBound);
        Assert.Equal("Ditt ärende har avvisats", step.NeutralSubject);
        var digest = rows.Single(m => m.Id == step.DigestId);
        Assert.True(digest.ReporterBound);
        Assert.DoesNotContain(filed.Reference, digest.NeutralSubject);
    }

    [Fact]
    public async Task Account_mails_are_never_held_for_the_digest_and_switching_back_releases_what_waits()
    {
        MoveTo(Tomorrow, new TimeOnly(12, 0));
        using (var kansli = new Browserless(App))
        {
            await kansli.LoginAsync(Kansli);
            await ChooseAsync(kansli, "DailyDigest");
            // New recovery codes are a change to the second factor: told at once.
            await kansli.PostFromAsync("/konto", "/konto?handler=NewRecoveryCodes", Form());
        }
        var filed = await App.FileCaseAsync();
        using (var anonymous = new Browserless(App))
            await anonymous.SubmitAsync(await anonymous.GetAsync("/glomt-losenord"), Form(("Email", Kansli)));

        var arrived = To(await mail.DeliverAsync(), Kansli);
        Assert.Equal(2, arrived.Count);
        Assert.Contains(arrived, m => m.Subject!.Contains("Tvåfaktorsinloggningen"));
        Assert.Contains(arrived, m => m.Subject!.Contains("Återställ ditt lösenord"));
        Assert.DoesNotContain(arrived, m => m.Subject!.StartsWith(filed.Reference));

        using (var kansli = new Browserless(App))
        {
            await kansli.LoginAsync(Kansli);
            await ChooseAsync(kansli, "Immediate");
        }
        Assert.Single(To(await mail.DeliverAsync(), Kansli), m => m.Subject!.StartsWith(filed.Reference));
        Assert.Equal(0, await DigestSweepAsync());
    }

    [Fact]
    public async Task The_digest_goes_at_the_foerbunds_own_time()
    {
        // The evening before the digest day lies ahead whatever the time of day the test runs (the clock only moves forward).
        var day = Tomorrow.AddDays(1);
        MoveTo(day.AddDays(-1), new TimeOnly(18, 0));
        await App.WithDbAsync(async db =>
        {
            var forbund = await db.Forbund.SingleAsync(f => f.Code == "INS");
            forbund.SetDigestTime(new TimeOnly(16, 30));
            var user = await db.Users.SingleAsync(u => u.Email == Kansli);
            user.ChooseMailDelivery(MailDelivery.DailyDigest);
            return await db.SaveChangesAsync();
        });
        await App.FileCaseAsync();

        MoveTo(day, new TimeOnly(16, 29));
        Assert.Equal(0, await DigestSweepAsync());
        MoveTo(day, new TimeOnly(16, 31));
        Assert.Equal(1, await DigestSweepAsync());
        Assert.Contains("1 händelse", Assert.Single(To(await mail.DeliverAsync(), Kansli)).Subject);
    }

    [Fact]
    public async Task An_unknown_choice_is_refused_with_a_message_and_changes_nothing()
    {
        using var kansli = new Browserless(App);
        await kansli.LoginAsync(Kansli);
        var page = await kansli.PostFromAsync("/konto", "/konto?handler=MailDelivery", Form(("Delivery", "Veckovis")));
        Assert.Contains("Välj hur du vill få e-post.", page.Document.QuerySelector("#delivery-error")?.TextContent);
        Assert.Equal(MailDelivery.Immediate, App.WithDb(db => db.Users.Single(u => u.Email == Kansli).MailDelivery));
    }
}
