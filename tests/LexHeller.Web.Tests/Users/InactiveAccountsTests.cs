using System.Net;
using LexHeller.Core.Audit;
using LexHeller.Core.Identity;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Users;

/// <summary>
/// The kansli's list of roles whose holders have not logged in for 180 days, ticked, confirmed and deactivated
/// through the pages, and the monthly reminder mail. The demo users have never logged in, so moving the clock
/// past the period makes them all away too long; a test brings some back by recording a recent log-in.
/// </summary>
public sealed class InactiveAccountsTests : IDisposable
{
    private const string Kansli = "kansli@insjoriket.example";
    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private DateTimeOffset seededAt;

    /// <summary>Moves the clock on; the host starts (and seeds the demo users) first, at the time they were created.</summary>
    private void AwayFor(int days)
    {
        _ = app.Services;
        seededAt = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromDays(days));
    }

    /// <summary>
    /// Stockholm calendar days from the seeding to now. 181 times 24 hours is 182 calendar days when it starts late
    /// in the evening in winter and ends after midnight in summer time.
    /// </summary>
    private int CalendarDaysAway() => Stockholm.Today(app.Clock.GetUtcNow()).DayNumber - Stockholm.Today(seededAt).DayNumber;

    private async Task LoggedInRecentlyAsync(params string[] emails)
    {
        var now = app.Clock.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            var upper = emails.Select(e => e.ToUpperInvariant()).ToList();
            foreach (var user in await db.Users.Where(u => upper.Contains(u.NormalizedEmail!)).ToListAsync()) user.LoggedIn(now.AddDays(-3));
            return await db.SaveChangesAsync();
        });
    }

    private int MembershipId(string email) =>
        app.WithDb(db => db.Memberships.Single(m => m.User.NormalizedEmail == email.ToUpperInvariant()).Id);

    private bool IsActive(string email) =>
        app.WithDb(db => db.Memberships.Single(m => m.User.NormalizedEmail == email.ToUpperInvariant()).IsActive);

    private static List<string> ListedNames(Browserless.Page page) =>
        page.Document.QuerySelectorAll("[data-testid=inactive-list] tbody td[data-label=Namn]").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task Nobody_is_listed_before_the_period_has_passed()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Kansli);
        var page = await browser.GetAsync("/anvandare/inaktiva");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("har inte loggat in på 180 dagar", page.Text);
        Assert.Equal("Ingen har varit borta så länge.", page.Document.QuerySelector("[data-testid=inactive-empty]")?.TextContent);
        Assert.Null(page.Document.QuerySelector("[data-testid=inactive-list]"));
        var users = await browser.GetAsync("/anvandare");
        Assert.Contains("alla har loggat in under de senaste 180 dagarna", users.Document.QuerySelector("[data-testid=inactive-link]")!.TextContent);
    }

    [Fact]
    public async Task The_kansli_ticks_roles_confirms_and_they_are_deactivated_and_audited()
    {
        AwayFor(181);
        await LoggedInRecentlyAsync(Kansli, "bug.af@insjoriket.example");
        using var browser = new Browserless(app);
        await browser.LoginAsync(Kansli);

        var users = await browser.GetAsync("/anvandare");
        var link = users.Document.QuerySelector("[data-testid=inactive-link]")!;
        Assert.Equal("/anvandare/inaktiva", link.QuerySelector("a")!.GetAttribute("href"));
        // Eight demo users and the shared kansli have roles in Insjöriket; two have logged in.
        Assert.Contains("7 konton har inte loggat in på 180 dagar", link.TextContent);

        var page = await browser.GetAsync("/anvandare/inaktiva");
        var names = ListedNames(page);
        Assert.Contains("Sara Lindqvist", names);
        Assert.Contains("Lena Forsberg", names);
        Assert.DoesNotContain("Eva Sandberg", names);      // logged in three days ago
        Assert.DoesNotContain("Emma Nilsson", names);      // Södra Norrbotten
        Assert.DoesNotContain("Lars Ahlgren", names);      // the administrator's role is for administrators
        var sara = page.Document.QuerySelector($"tr[data-membership='{MembershipId("rapportor@insjoriket.example")}']")!;
        Assert.Equal("Aldrig", sara.QuerySelector("td[data-label='Senast inloggad']")!.TextContent.Trim());
        Assert.Equal(CalendarDaysAway().ToString(), sara.QuerySelector("td[data-label=Dagar]")!.TextContent.Trim());
        Assert.InRange(CalendarDaysAway(), 181, 182);
        Assert.All(page.Document.QuerySelectorAll("[data-testid=inactive-list] tbody td"), td => Assert.NotNull(td.GetAttribute("data-label")));
        // A kansli may not deactivate another kansli: that row has no box to tick.
        var other = page.Document.QuerySelector($"tr[data-membership='{app.WithDb(db => db.Memberships.Single(m => m.User.Email == "samordnare@lexheller.example" && m.ForbundId == app.ForbundId("INS")).Id)}']")!;
        Assert.Null(other.QuerySelector("input[type=checkbox]"));

        var sorted = ListedNames(await browser.GetAsync("/anvandare/inaktiva?sort=namn"));
        Assert.Equal(sorted.Order(Stockholm.Comparer), sorted);

        var ticked = new[] { MembershipId("rapportor@insjoriket.example"), MembershipId("styrelse@insjoriket.example") };
        var confirm = await browser.SubmitAsync(page, Form(("MembershipIds", string.Join('\u001f', ticked))));
        var section = confirm.Document.QuerySelector("[data-testid=inactive-confirm]")!;
        Assert.Contains("Inaktivera 2 roller?", section.TextContent);
        Assert.Contains("Sara Lindqvist", section.TextContent);
        Assert.Contains("Lena Forsberg", section.TextContent);
        Assert.DoesNotContain("Johan Bergström", section.TextContent);
        Assert.True(IsActive("rapportor@insjoriket.example"), "nothing changes before the confirmation");

        var done = await browser.SubmitAsync(confirm, Form());
        Assert.Equal("/anvandare/inaktiva", done.Url);
        Assert.Contains("2 roller inaktiverades.", done.Text);
        Assert.False(IsActive("rapportor@insjoriket.example"));
        Assert.False(IsActive("styrelse@insjoriket.example"));
        Assert.True(IsActive("rapportor.kommun@insjoriket.example"));
        Assert.DoesNotContain("Sara Lindqvist", ListedNames(done));
        Assert.Contains("Johan Bergström", ListedNames(done));

        var kansliId = app.UserId(Kansli);
        var audit = app.WithDb(db => db.AuditEntries.Where(a => a.Action == AuditActions.MembershipDeactivated).OrderBy(a => a.Subject).ToList());
        Assert.Equal(["rapportor@insjoriket.example", "styrelse@insjoriket.example"], audit.Select(a => a.Subject));
        Assert.All(audit, a => Assert.Equal(kansliId, a.ActorUserId));
        Assert.All(audit, a => Assert.Equal(app.ForbundId("INS"), a.ForbundId));
        Assert.Equal(["Rapportör: inaktiv", "Styrelse: inaktiv"], audit.Select(a => a.After));
    }

    [Fact]
    public async Task Confirming_with_nothing_ticked_asks_for_a_tick_and_changes_nothing()
    {
        AwayFor(200);
        using var browser = new Browserless(app);
        await browser.LoginAsync(Kansli);
        var page = await browser.GetAsync("/anvandare/inaktiva");
        var posted = await browser.SubmitAsync(page, Form());
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Contains("Kryssa i minst en roll att inaktivera.", posted.ErrorText());
        Assert.Null(posted.Document.QuerySelector("[data-testid=inactive-confirm]"));

        var direct = await browser.PostFromAsync("/anvandare/inaktiva", "/anvandare/inaktiva?handler=Deactivate", Form());
        Assert.Contains("Kryssa i minst en roll att inaktivera.", direct.ErrorText());
        Assert.False(app.WithDb(db => db.Memberships.Any(m => !m.IsActive)));
    }

    [Fact]
    public async Task A_kansli_of_another_forbund_sees_none_of_them_and_cannot_deactivate_them()
    {
        AwayFor(200);
        using var browser = new Browserless(app);
        await browser.LoginAsync("kansli@sodranorrbotten.example");
        var names = ListedNames(await browser.GetAsync("/anvandare/inaktiva"));
        Assert.Contains("Emma Nilsson", names);
        Assert.DoesNotContain("Sara Lindqvist", names);
        Assert.DoesNotContain("Lena Forsberg", names);

        var insjo = MembershipId("rapportor@insjoriket.example");
        var confirm = await browser.PostFromAsync("/anvandare/inaktiva", "/anvandare/inaktiva?handler=Confirm", Form(("MembershipIds", insjo.ToString())));
        Assert.Null(confirm.Document.QuerySelector("[data-testid=inactive-confirm]"));
        var deactivate = await browser.PostFromAsync("/anvandare/inaktiva", "/anvandare/inaktiva?handler=Deactivate", Form(("MembershipIds", insjo.ToString())));
        Assert.Equal(HttpStatusCode.OK, deactivate.Status);
        Assert.Contains("Ingen av de markerade rollerna finns kvar i listan", deactivate.ErrorText());
        Assert.True(IsActive("rapportor@insjoriket.example"));
        Assert.False(app.WithDb(db => db.AuditEntries.Any(a => a.Action == AuditActions.MembershipDeactivated)));
    }

    [Fact]
    public async Task Administrator_roles_are_listed_to_administrators_only()
    {
        _ = app.Services;
        await app.WithDbAsync(async db =>
        {
            var other = new AppUser("annan.admin@lexheller.example", "Annan Administratör", app.Clock.GetUtcNow());
            other.AddMembership(null, MembershipRole.Administrator, [], app.Clock.GetUtcNow());
            db.Users.Add(other);
            return await db.SaveChangesAsync();
        });
        AwayFor(200);

        using var admin = new Browserless(app);
        await admin.LoginAsync("admin@lexheller.example");
        var page = await admin.GetAsync("/anvandare/inaktiva");
        Assert.Contains("har aktiva roller som administratör men har inte loggat in på 180 dagar", page.Text);
        var names = ListedNames(page);
        Assert.Contains("Annan Administratör", names);
        Assert.DoesNotContain("Sara Lindqvist", names);     // the administrator works in no förbund
        var row = page.Document.QuerySelectorAll("[data-testid=inactive-list] tbody tr").Single(r => r.TextContent.Contains("Annan Administratör"));
        Assert.NotNull(row.QuerySelector("input[type=checkbox]"));

        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        Assert.DoesNotContain("Annan Administratör", ListedNames(await kansli.GetAsync("/anvandare/inaktiva")));
    }

    [Fact]
    public async Task A_ticked_role_whose_holder_logged_in_meanwhile_is_left_alone()
    {
        AwayFor(200);
        using var browser = new Browserless(app);
        await browser.LoginAsync(Kansli);
        var page = await browser.GetAsync("/anvandare/inaktiva");
        var ticked = new[] { MembershipId("rapportor@insjoriket.example"), MembershipId("bug.fk@insjoriket.example") };
        var confirm = await browser.SubmitAsync(page, Form(("MembershipIds", string.Join('\u001f', ticked))));
        await LoggedInRecentlyAsync("bug.fk@insjoriket.example");

        var done = await browser.SubmitAsync(confirm, Form());
        Assert.Contains("1 roll inaktiverades. 1 markerad roll fanns inte längre i listan och lämnades orörd.", done.Text);
        Assert.False(IsActive("rapportor@insjoriket.example"));
        Assert.True(IsActive("bug.fk@insjoriket.example"));
    }

    private async Task<int> RemindAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InactivityReminder>().RunAsync("https://lexheller.example");
    }

    private List<OutboxMessage> Reminders() =>
        app.WithDb(db => db.Outbox.AsNoTracking().Where(m => m.Link!.EndsWith("/anvandare/inaktiva")).OrderBy(m => m.Id).ToList());

    [Fact]
    public async Task The_monthly_reminder_goes_once_a_month_to_each_forbund_with_a_list_and_never_twice()
    {
        Assert.Equal(0, await RemindAsync());
        Assert.Empty(Reminders());

        // Everyone in Södra Norrbotten has logged in lately: its list is empty and it gets no mail.
        AwayFor(200);
        var snb = app.ForbundId("SNB");
        var snbEmails = app.WithDb(db => db.Memberships.Where(m => m.ForbundId == snb).Select(m => m.User.Email!).ToList());
        await LoggedInRecentlyAsync([.. snbEmails, "bug.af@insjoriket.example"]);

        Assert.Equal(1, await RemindAsync());
        var first = Reminders();
        Assert.Equal(["kansli@insjoriket.example", "samordnare@lexheller.example"], first.Select(m => m.To));
        Assert.All(first, m =>
        {
            Assert.Equal(app.ForbundId("INS"), m.ForbundId);
            // Eight demo users of Insjöriket and the shared kansli, less the two who logged in.
            Assert.Equal("7 konton i Samordningsförbundet Insjöriket har inte loggat in på 180 dagar", m.Subject);
            Assert.Equal("https://lexheller.example/anvandare/inaktiva", m.Link);
            Assert.Contains("https://lexheller.example/anvandare/inaktiva", m.TextBody);
        });

        // Run again the same month, as after a restart or a retry: nothing more.
        Assert.Equal(0, await RemindAsync());
        Assert.Equal(2, Reminders().Count);

        // The first of the next month, at seven: reminded again, once.
        var today = Stockholm.Today(app.Clock.GetUtcNow());
        var nextMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        app.Clock.Advance(Stockholm.ToUtc(nextMonth, new TimeOnly(7, 0)) - app.Clock.GetUtcNow());
        Assert.Equal(1, await RemindAsync());
        Assert.Equal(0, await RemindAsync());
        var second = Reminders().Skip(2).ToList();
        Assert.Equal(["kansli@insjoriket.example", "samordnare@lexheller.example"], second.Select(m => m.To));
        Assert.DoesNotContain(Reminders(), m => m.ForbundId == snb);
    }
}
