using System.Net;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Identity;
using LexHeller.Core.Notifications;
using LexHeller.Testing;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Notifications;

/// <summary>
/// "Utskick", the administrator's view of the mail outbox: where each mail stands, filtered, sorted and paged,
/// and "Skicka igen" for a failed one. Each test writes its own rows under a tag of its own and searches for it.
/// </summary>
public class OutboxPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Admin = "admin@lexheller.example";

    private static string NewTag() => "utskick" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Writes an outbox row created <paramref name="age"/> ago and brings it to a status.</summary>
    private async Task<long> AddMailAsync(string to, string subject, TimeSpan age = default, Action<OutboxMessage, DateTimeOffset>? then = null,
        string text = "", int? forbundId = null)
    {
        var now = app.Clock.GetUtcNow();
        var message = new OutboxMessage(to, "Lex Heller", subject, text, $"<p>{text}</p>", now - age).For(null, forbundId, digestible: false);
        then?.Invoke(message, now);
        return await app.WithDbAsync(async db =>
        {
            db.Outbox.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
    }

    private static IReadOnlyList<string> Column(Browserless.Page page, int index) =>
        page.Document.QuerySelectorAll("table[data-testid=outbox] tbody tr")
            .Select(r => r.QuerySelectorAll("td")[index].TextContent.Trim()).ToList();

    private static string Total(Browserless.Page page) => page.Document.QuerySelector("[data-testid=outbox-total]")!.TextContent.Trim();

    [Fact]
    public async Task The_list_is_newest_first_and_pages_sorts_and_keeps_the_search_on_every_page()
    {
        var tag = NewTag();
        // 55 mails a minute apart; the addresses run in another order than the times.
        var mails = Enumerable.Range(0, 55)
            .Select(i => (To: $"m{i * 7 % 55:00}.{tag}@example.se", Age: TimeSpan.FromMinutes(i)))
            .ToList();
        foreach (var (to, age) in mails) await AddMailAsync(to, $"Påminnelse {tag}", age);
        await AddMailAsync($"annan@example.se", "Något helt annat");

        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var first = await admin.GetAsync($"/utskick?q={tag}");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("55 utskick, sida 1 av 2.", Total(first));
        Assert.Equal(mails.Take(50).Select(m => m.To), Column(first, 1));

        var next = first.Document.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        var second = await admin.GetAsync(next);
        Assert.Contains($"q={tag}", second.Url);
        Assert.Equal(mails.Skip(50).Select(m => m.To), Column(second, 1));

        var oldest = await admin.GetAsync($"/utskick?q={tag}&sort=aldst");
        Assert.Equal(mails.AsEnumerable().Reverse().Take(50).Select(m => m.To), Column(oldest, 1));

        var byRecipient = await admin.GetAsync($"/utskick?q={tag}&sort=mottagare&p=2");
        Assert.Equal(mails.Select(m => m.To).Order(StringComparer.Ordinal).Skip(50), Column(byRecipient, 1));
        Assert.Equal("55 utskick, sida 2 av 2.", Total(byRecipient));

        // The search looks at the subject as well as the address, and the created time is Stockholm's.
        var one = await admin.GetAsync($"/utskick?q=m07.{tag}");
        Assert.Equal([$"m07.{tag}@example.se"], Column(one, 1));
        Assert.Equal([LexHeller.Core.Time.Stockholm.Format(app.Clock.GetUtcNow() - TimeSpan.FromMinutes(1))], Column(one, 0));
        Assert.Equal("Något helt annat", Assert.Single(Column(await admin.GetAsync("/utskick?q=helt annat"), 2)));
    }

    [Fact]
    public async Task Each_status_is_counted_filtered_and_sorted_as_the_mail_itself_stands()
    {
        var tag = NewTag();
        var digest = await AddMailAsync($"sammanfattning-{tag}@example.se", $"Sammanfattning {tag}", TimeSpan.FromMinutes(1),
            (m, now) => m.MarkSent(now));
        var ids = new Dictionary<string, long>
        {
            ["Väntar"] = await AddMailAsync($"vantar.{tag}@example.se", $"Ny rapport {tag}", TimeSpan.FromMinutes(2)),
            ["Försöker igen"] = await AddMailAsync($"forsoker.{tag}@example.se", $"Ny rapport {tag}", TimeSpan.FromMinutes(3),
                (m, now) => { m.MarkFailed(now, "Tidsgräns"); m.MarkFailed(now, "Tidsgräns"); }),
            ["Skickat"] = await AddMailAsync($"skickat.{tag}@example.se", $"Ny rapport {tag}", TimeSpan.FromMinutes(4), (m, now) => m.MarkSent(now)),
            ["I sammanfattning"] = await AddMailAsync($"samlat.{tag}@example.se", $"Ny rapport {tag}", TimeSpan.FromMinutes(5), (m, _) => m.MarkDigested(digest)),
            ["Misslyckat"] = await AddMailAsync($"misslyckat.{tag}@example.se", $"Ny rapport {tag}", TimeSpan.FromMinutes(6),
                (m, now) => m.MarkFailedPermanently(now, "E-postservern avvisade brevet (550): okänd mottagare")),
        };

        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var page = await admin.GetAsync("/utskick");

        // The counts above the list are the entity's own statuses, and each links to its filter.
        var expected = app.WithDb(db => db.Outbox.ToList()).GroupBy(m => m.Status).ToDictionary(g => g.Key, g => g.Count());
        var shown = page.Document.QuerySelectorAll("[data-testid=status-counts] li[data-status]")
            .ToDictionary(li => li.GetAttribute("data-status")!, li => int.Parse(li.QuerySelector(".count")!.TextContent.Replace("\u00a0", "")));
        Assert.Equal(new Dictionary<string, int>
        {
            ["vantar"] = expected.GetValueOrDefault(OutboxStatus.Waiting),
            ["forsoker-igen"] = expected.GetValueOrDefault(OutboxStatus.Retrying),
            ["skickat"] = expected.GetValueOrDefault(OutboxStatus.Sent),
            ["i-sammanfattning"] = expected.GetValueOrDefault(OutboxStatus.InDigest),
            ["misslyckat"] = expected.GetValueOrDefault(OutboxStatus.Failed),
        }, shown);

        foreach (var (slug, name) in new[] { ("vantar", "Väntar"), ("forsoker-igen", "Försöker igen"), ("skickat", "Skickat"),
                     ("i-sammanfattning", "I sammanfattning"), ("misslyckat", "Misslyckat") })
        {
            var link = page.Document.QuerySelector($"li[data-status={slug}] a")!.GetAttribute("href")!;
            var filtered = await admin.GetAsync($"{link}&q=.{tag}@");
            var row = Assert.Single(filtered.Document.QuerySelectorAll("table[data-testid=outbox] tbody tr"));
            Assert.Equal(ids[name].ToString(), row.GetAttribute("data-id"));
            Assert.Equal(name, row.QuerySelector("[data-testid=status]")!.TextContent);
            Assert.Equal("true", filtered.Document.QuerySelector($"li[data-status={slug}] a")!.GetAttribute("aria-current"));
        }

        var byStatus = await admin.GetAsync($"/utskick?q=Ny rapport {tag}&sort=status");
        Assert.Equal(["Misslyckat", "Försöker igen", "Väntar", "I sammanfattning", "Skickat"], Column(byStatus, 3));
        Assert.Equal(["1", "2", "0", "0", "0"], Column(byStatus, 4));
        Assert.Equal("E-postservern avvisade brevet (550): okänd mottagare", Column(byStatus, 5)[0]);
        // Only the failed mail offers "Skicka igen".
        Assert.Single(byStatus.Document.QuerySelectorAll("form.resend"));
        Assert.NotNull(byStatus.Document.QuerySelector($"tr[data-id='{ids["Misslyckat"]}'] form.resend"));
    }

    [Fact]
    public async Task A_failed_mail_is_sent_again_audited_and_the_filter_kept()
    {
        var tag = NewTag();
        const string error = "E-postservern avvisade brevet (550): brevlådan är full";
        var id = await AddMailAsync($"full.{tag}@example.se", $"Inbjudan {tag}", then: (m, now) => m.MarkFailedPermanently(now, error),
            forbundId: app.ForbundId("INS"));

        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var list = await admin.GetAsync($"/utskick?status=misslyckat&q={tag}");
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var done = await admin.SubmitAsync(list, Form(), $"tr[data-id='{id}'] form.resend");

        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Equal($"/utskick?q={tag}&status=misslyckat", done.Url);
        Assert.Contains($"Brevet till full.{tag}@example.se med ämnet ”Inbjudan {tag}” lades i kön igen", done.Document.QuerySelector(".notice")!.TextContent);
        Assert.Equal("0 utskick.", Total(done));

        var row = app.WithDb(db => db.Outbox.Single(m => m.Id == id));
        Assert.Equal(OutboxStatus.Waiting, row.Status);
        Assert.Equal(0, row.Attempts);
        Assert.Equal(app.Clock.GetUtcNow(), row.NextAttemptAt);
        var waiting = await admin.GetAsync($"/utskick?status=vantar&q={tag}");
        Assert.Equal(["Väntar"], Column(waiting, 3));

        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.OutboxResent && a.Subject.Contains(tag)));
        Assert.Equal(app.UserId(Admin), audit.ActorUserId);
        Assert.Equal(app.ForbundId("INS"), audit.ForbundId);
        Assert.Equal(error, audit.Before);
        Assert.Equal("Väntar", audit.After);
        Assert.Equal(app.Clock.GetUtcNow(), audit.At);
    }

    [Fact]
    public async Task A_mail_that_has_not_failed_is_not_sent_again()
    {
        var tag = NewTag();
        var sent = await AddMailAsync($"skickat.{tag}@example.se", $"Kallelse {tag}", then: (m, now) => m.MarkSent(now));
        var sentAt = app.WithDb(db => db.Outbox.Single(m => m.Id == sent).SentAt);

        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var page = await admin.PostFromAsync($"/utskick?q={tag}", $"/utskick?handler=Resend&q={tag}", Form(("id", sent.ToString())));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Brevet till skickat.{tag}@example.se har status Skickat. Bara ett misslyckat brev kan skickas igen.", page.ErrorText());
        var row = app.WithDb(db => db.Outbox.Single(m => m.Id == sent));
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(sentAt, row.SentAt);
        Assert.False(app.WithDb(db => db.AuditEntries.Any(a => a.Action == AuditActions.OutboxResent && a.Subject.Contains(tag))));

        var missing = await admin.PostFromAsync("/utskick", "/utskick?handler=Resend", Form(("id", "987654321")));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Theory]
    [InlineData("kansli@insjoriket.example")]
    [InlineData("samordnare@lexheller.example")]
    [InlineData("rapportor@insjoriket.example")]
    public async Task Only_the_administrator_may_open_the_outbox_or_resend(string email)
    {
        var tag = NewTag();
        var failed = await AddMailAsync($"fel.{tag}@example.se", $"Inbjudan {tag}", then: (m, now) => m.MarkDropped(now, "Mottagaren är inaktiverad."));

        using var browser = new Browserless(app);
        var start = await browser.LoginAsync(email);
        Assert.DoesNotContain("/utskick", start.NavLinks);
        var page = await browser.GetAsync("/utskick");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("Du har inte behörighet till sidan", page.Text);

        var resend = await browser.PostFromAsync("/", "/utskick?handler=Resend", Form(("id", failed.ToString())));
        Assert.Equal(HttpStatusCode.Forbidden, resend.Status);
        Assert.Equal(OutboxStatus.Failed, app.WithDb(db => db.Outbox.Single(m => m.Id == failed)).Status);
    }

    [Fact]
    public async Task Someone_not_logged_in_is_sent_to_the_login()
    {
        using var browser = new Browserless(app);
        var page = await browser.GetAsync("/utskick", follow: false);
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/logga-in", new Uri(new Uri("http://localhost"), page.Location!).AbsolutePath);
    }

    [Fact]
    public async Task Unknown_filter_values_are_named_in_Swedish_and_the_whole_list_is_shown()
    {
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var page = await admin.GetAsync("/utskick?status=borttappad&sort=konstigt&p=tre");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var said = page.Document.QuerySelector("[data-testid=ignored-filters]")!.TextContent;
        Assert.Contains("Statusen ”borttappad” finns inte. Alla utskick visas.", said);
        Assert.Contains("Sorteringen ”konstigt” finns inte. Utskicken sorteras med de nyaste först.", said);
        Assert.Contains("Sidan ”tre” finns inte. Första sidan visas.", said);
        Assert.Equal("true", page.Document.QuerySelector("[data-testid=status-counts] li:first-child a")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task The_page_never_shows_what_a_mail_says()
    {
        var tag = NewTag();
        await AddMailAsync($"hemlig.{tag}@example.se", $"Ärende {tag}", text: "Brödtexten om Sara Lindqvist hemlig-7731");

        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var page = await admin.GetAsync($"/utskick?q={tag}");
        Assert.Equal([$"Ärende {tag}"], Column(page, 2));
        Assert.DoesNotContain("hemlig-7731", page.Document.DocumentElement.OuterHtml);
        Assert.DoesNotContain("Sara Lindqvist", page.Document.DocumentElement.OuterHtml);

        // The subject is found as typed, capital Ä and all, although SQLite folds only ASCII.
        Assert.Single(Column(await admin.GetAsync($"/utskick?q=Ärende {tag}"), 2));
    }

    [Fact]
    public async Task A_mail_to_a_reporter_names_neither_the_reporter_nor_the_case_to_the_administrator()
    {
        const string reporter = "rapportor@insjoriket.example";
        var filed = await app.FileCaseAsync(CaseState.Avvisad);
        var subject = $"{filed.Reference}: Ditt ärende har avvisats";
        var id = app.WithDb(db => db.Outbox.Single(m => m.To == reporter && m.Subject == subject).Id);
        await app.WithDbAsync(async db =>
        {
            db.Outbox.Single(m => m.Id == id).MarkFailedPermanently(app.Clock.GetUtcNow(), $"E-postservern avvisade brevet (550): {reporter} finns inte");
            return await db.SaveChangesAsync();
        });

        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        // Neither the case's reference nor the address finds the mail.
        var byReference = await admin.GetAsync($"/utskick?q={filed.Reference}");
        Assert.NotEmpty(Column(byReference, 1));
        Assert.Null(byReference.Document.QuerySelector($"tr[data-id='{id}']"));
        Assert.DoesNotContain(reporter, byReference.Document.DocumentElement.OuterHtml);
        Assert.Null((await admin.GetAsync($"/utskick?q={reporter}")).Document.QuerySelector($"tr[data-id='{id}']"));

        // Listed, it says "Rapportören" and the step without the reference.
        var listed = await admin.GetAsync("/utskick?status=misslyckat&q=Ditt ärende har avvisats");
        var row = listed.Document.QuerySelector($"tr[data-id='{id}']")!;
        Assert.NotNull(row);
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("Rapportören", cells[1]);
        Assert.Equal("Ditt ärende har avvisats", cells[2]);
        Assert.DoesNotContain(reporter, listed.Document.DocumentElement.OuterHtml);
        Assert.DoesNotContain(filed.Reference, listed.Document.DocumentElement.OuterHtml);

        // "Skicka igen" neither says nor audits who it was.
        var resent = await admin.SubmitAsync(listed, Form(), $"tr[data-id='{id}'] form.resend");
        Assert.Contains("Brevet till rapportören", resent.Document.QuerySelector(".notice")!.TextContent);
        Assert.DoesNotContain(reporter, resent.Document.DocumentElement.OuterHtml);
        Assert.DoesNotContain(filed.Reference, resent.Document.DocumentElement.OuterHtml);
        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.OutboxResent && a.Subject.StartsWith($"E-post {id} ")));
        Assert.DoesNotContain(reporter, audit.Subject + audit.Before + audit.After);

        // An administrator who is also the förbund's kansli may know the reporter.
        var ins = app.ForbundId("INS");
        await app.WithDbAsync(async db =>
        {
            var user = db.Users.Single(u => u.NormalizedEmail == Admin.ToUpperInvariant());
            user.AddMembership(ins, MembershipRole.Kansli, [], app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        try
        {
            var asKansli = await admin.GetAsync($"/utskick?q={filed.Reference}");
            var shown = asKansli.Document.QuerySelector($"tr[data-id='{id}']")!;
            Assert.NotNull(shown);
            Assert.Equal(reporter, shown.QuerySelectorAll("td")[1].TextContent.Trim());
            Assert.Equal(subject, shown.QuerySelectorAll("td")[2].TextContent.Trim());
        }
        finally
        {
            await app.WithDbAsync(async db =>
            {
                db.Memberships.Remove(db.Memberships.Single(m => m.User.NormalizedEmail == Admin.ToUpperInvariant() && m.ForbundId == ins));
                return await db.SaveChangesAsync();
            });
        }
    }
}
