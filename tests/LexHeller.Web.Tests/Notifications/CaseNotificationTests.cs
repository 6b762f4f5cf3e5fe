using LexHeller.Core.Cases;
using LexHeller.Core.Notifications;
using LexHeller.Testing;
using LexHeller.Web.Tests.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Notifications;

/// <summary>
/// Who is told what: each step writes its outbox rows with the state change; the real sender delivers them over
/// SMTP to a server on 127.0.0.1, and the tests read what arrived. No mail carries case text.
/// </summary>
public class CaseNotificationTests(MailAppFactory mail) : IClassFixture<MailAppFactory>
{
    private readonly AppFactory app = mail.App;

    /// <summary>Delivers the outbox and returns what arrived about the case, as the rows' view (To, SenderName, Subject, bodies).</summary>
    private List<OutboxMessage> MailsAbout(string reference)
    {
        mail.DeliverAsync().GetAwaiter().GetResult();
        var arrived = mail.Smtp.Messages.Where(m => m.Subject!.StartsWith(reference + ":")).ToList();
        var rows = app.WithDb(db => db.Outbox.Where(m => m.Subject.StartsWith(reference + ":")).OrderBy(m => m.Id).ToList());
        // Every row about the case arrived exactly once, under its own Message-Id, as text and HTML.
        Assert.Equal(rows.Count, arrived.Count);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(rows.Select(r => r.MessageKey).Order(), arrived.Select(m => m.MessageId!.Split('@')[0]).Order());
        Assert.All(arrived, m =>
        {
            var row = rows.Single(r => m.MessageId!.StartsWith(r.MessageKey));
            Assert.Equal(row.To, m.To.Mailboxes.Single().Address);
            Assert.Equal(row.SenderName, m.From.Mailboxes.Single().Name);
            Assert.Equal(row.TextBody.TrimEnd(), m.TextBody!.TrimEnd());
            Assert.Contains("<a href=", m.HtmlBody);
        });
        return rows;
    }

    private static void NoCaseText(IEnumerable<OutboxMessage> mails) => Assert.All(mails, m =>
    {
        Assert.DoesNotContain("Remissen från kommunen", m.TextBody + m.HtmlBody);
        Assert.DoesNotContain("Sara Lindqvist", m.TextBody + m.HtmlBody);
    });

    [Fact]
    public async Task A_submitted_case_is_told_to_every_active_kansli_member()
    {
        var filed = await app.FileCaseAsync();
        var mails = MailsAbout(filed.Reference);
        Assert.Equal(["kansli@insjoriket.example", "samordnare@lexheller.example"], mails.Select(m => m.To).Order());
        Assert.All(mails, m => Assert.Equal("Samordningsförbundet Insjöriket", m.SenderName));
        Assert.All(mails, m => Assert.Contains($"/arenden/ref/{filed.Reference}", m.TextBody));
        NoCaseText(mails);

        using var kansli = new Browserless(app);
        await kansli.LoginAsync("kansli@insjoriket.example");
        Assert.Equal($"/arenden/{filed.Id}", (await kansli.GetAsync($"/arenden/ref/{filed.Reference}")).Url);
        using var other = new Browserless(app);
        await other.LoginAsync("kansli@sodranorrbotten.example");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await other.GetAsync($"/arenden/ref/{filed.Reference}")).Status);
    }

    [Fact]
    public async Task A_question_goes_to_the_reporter_and_the_answer_to_the_handler()
    {
        var filed = await app.FileCaseAsync(CaseState.KompletteringBegard);
        Assert.Contains(MailsAbout(filed.Reference), m => m.To == "rapportor@insjoriket.example" && m.Subject.Contains("fråga"));

        using var reporter = new Browserless(app);
        await reporter.LoginAsync("rapportor@insjoriket.example");
        await reporter.ActAsync(filed.Id, "ReporterAnswers", Form(("Input.ReporterAnswer", "Enheten för arbetsmarknad.")));
        var answered = MailsAbout(filed.Reference).Where(m => m.Subject.Contains("har svarat")).ToList();
        Assert.Equal(["kansli@insjoriket.example"], answered.Select(m => m.To));
        NoCaseText(answered);
    }

    [Fact]
    public async Task A_referral_tells_the_bug_members_of_each_referred_party_only()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        var referred = MailsAbout(filed.Reference).Where(m => m.Subject.Contains("remitterats")).Select(m => m.To).Order();
        Assert.Equal(["bug.af@insjoriket.example", "bug.fk@insjoriket.example"], referred);
    }

    [Theory]
    [InlineData(CaseState.Avslutad, "avslutat")]
    [InlineData(CaseState.Avvisad, "avvisats")]
    public async Task The_reporter_is_told_when_the_case_is_concluded_or_rejected(CaseState state, string word)
    {
        var filed = await app.FileCaseAsync(state);
        Assert.Contains(MailsAbout(filed.Reference), m => m.To == "rapportor@insjoriket.example" && m.Subject.Contains(word));
    }

    [Fact]
    public async Task A_failure_before_commit_saves_neither_the_change_nor_its_mails()
    {
        var filed = await app.FileCaseAsync();
        var before = app.WithDb(db => db.Outbox.Count());
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LexHeller.Core.Data.LexHellerDb>();
            var c = await db.Cases.Include(x => x.Referrals).SingleAsync(x => x.Id == filed.Id);
            var kansli = new CaseActorContext(app.UserId("kansli@insjoriket.example"), [CaseActor.Kansli], []);
            Assert.True(CaseActions.Take(c, kansli, app.Clock.GetUtcNow()).Fired);
            Assert.True(CaseActions.Reject(c, kansli, "Hör inte hit.", "Kontakta vården.", app.Clock.GetUtcNow()).Fired);
            // Something else in the same save breaks a constraint: the whole save is rolled back.
            db.Add(new LexHeller.Core.Cases.Category(999_999, "Finns inte", 1));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });
        Assert.Equal(CaseState.Inkommen, app.Load(filed.Id).State);
        Assert.Equal(before, app.WithDb(db => db.Outbox.Count()));
    }
}
