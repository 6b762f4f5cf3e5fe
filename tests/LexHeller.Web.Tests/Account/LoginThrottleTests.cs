using System.Diagnostics;
using System.Net;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Account;

/// <summary>
/// Someone guessing passwords: they learn nothing about which accounts exist, cannot lock the owner out from their
/// own network, and may try only so fast.
/// </summary>
public class LoginThrottleTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string WrongPassword = "Fel-Losen-123x";

    private static async Task<Browserless.Page> TryAsync(Browserless browser, string email, string password = WrongPassword, bool follow = true) =>
        await browser.SubmitAsync(await browser.GetAsync("/logga-in"), Form(("Input.Email", email), ("Input.Password", password)), follow: follow);

    [Fact]
    public async Task Locking_out_a_real_account_and_an_unknown_one_reads_the_same()
    {
        using var real = new Browserless(app, "10.1.0.1");
        using var unknown = new Browserless(app, "10.1.0.2");
        Browserless.Page lastReal = null!, lastUnknown = null!;
        for (var i = 0; i < 6; i++)
        {
            lastReal = await TryAsync(real, "styrelse@insjoriket.example");
            lastUnknown = await TryAsync(unknown, "finns.inte@insjoriket.example");
            Assert.Equal(lastReal.ErrorText(), lastUnknown.ErrorText());
        }
        Assert.NotEqual("", lastReal.ErrorText());
        Assert.DoesNotContain("Fel e-post eller lösenord", lastReal.ErrorText());
    }

    [Fact]
    public async Task A_stranger_guessing_from_elsewhere_does_not_lock_the_owner_out()
    {
        const string owner = "rapportor.kommun@insjoriket.example";
        using var stranger = new Browserless(app, "10.2.0.1");
        for (var i = 0; i < 8; i++) await TryAsync(stranger, owner);

        // The stranger's own address is locked out of this account, even with the right password.
        var right = await TryAsync(stranger, owner, AppFactory.Password);
        Assert.StartsWith("/logga-in", right.Url);

        using var ownDesk = new Browserless(app, "10.2.0.2");
        Assert.Equal("/", (await TryAsync(ownDesk, owner, AppFactory.Password)).Url);
        Assert.False(await app.IsLockedOutAsync(owner));
    }

    [Fact]
    public async Task Fifty_failures_from_many_addresses_lock_the_account_and_mail_its_owner()
    {
        const string owner = "bug.region@insjoriket.example";
        for (var address = 1; address <= 10; address++)
        {
            using var guesser = new Browserless(app, $"10.3.0.{address}");
            for (var i = 0; i < 5; i++) await TryAsync(guesser, owner);
        }
        Assert.True(await app.IsLockedOutAsync(owner));

        using var ownDesk = new Browserless(app, "10.3.1.1");
        var refused = await TryAsync(ownDesk, owner, AppFactory.Password);
        Assert.StartsWith("/logga-in", refused.Url);
        Assert.DoesNotContain("Fel e-post eller lösenord", refused.ErrorText());

        var mails = await app.WithDbAsync(db => db.Outbox.Where(m => m.To == owner).Select(m => new { m.Subject, m.TextBody }).ToListAsync());
        var mail = Assert.Single(mails);
        Assert.Contains("låst", mail.Subject);
        Assert.Contains("/glomt-losenord", mail.TextBody);
    }

    [Fact]
    public async Task Ten_failed_log_ins_a_minute_from_one_address_get_a_swedish_429_with_retry_after()
    {
        using var browser = new Browserless(app, "10.4.0.1");
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(browser, $"gissning{i}@example.se")).Status);
        var refused = await TryAsync(browser, "gissning@example.se", follow: false);
        AssertTooMany(refused);

        // Another address is not affected.
        using var other = new Browserless(app, "10.4.0.2");
        Assert.Equal("/", (await TryAsync(other, "rapportor@sodranorrbotten.example", AppFactory.Password)).Url);
    }

    [Fact]
    public async Task Successful_log_ins_do_not_count_toward_the_limit()
    {
        for (var i = 0; i < 12; i++)
        {
            using var browser = new Browserless(app, "10.5.0.1");
            Assert.Equal("/", (await TryAsync(browser, "rapportor@insjoriket.example", AppFactory.Password)).Url);
        }
    }

    [Fact]
    public async Task The_second_factor_the_recovery_code_and_both_reset_forms_are_limited_too()
    {
        using (var twoFactor = new Browserless(app, "10.6.0.1"))
        {
            var verify = await TryAsync(twoFactor, "kansli@sodranorrbotten.example", AppFactory.Password);
            Assert.Equal("/logga-in/verifiera", verify.Url.Split('?')[0]);
            for (var i = 0; i < 10; i++) await twoFactor.SubmitAsync(verify, Form(("Code", "000000")));
            AssertTooMany(await twoFactor.SubmitAsync(verify, Form(("Code", "000000")), follow: false));
        }
        using (var recovery = new Browserless(app, "10.6.0.2"))
        {
            await TryAsync(recovery, "bug.fk@sodranorrbotten.example", AppFactory.Password);
            var page = await recovery.GetAsync("/logga-in/aterstallningskod");
            for (var i = 0; i < 10; i++) await recovery.SubmitAsync(page, Form(("RecoveryCode", "ABCDE-12345")));
            AssertTooMany(await recovery.SubmitAsync(page, Form(("RecoveryCode", "ABCDE-12345")), follow: false));
        }
        using (var forgot = new Browserless(app, "10.6.0.3"))
        {
            var page = await forgot.GetAsync("/glomt-losenord");
            for (var i = 0; i < 10; i++) await forgot.SubmitAsync(page, Form(("Email", $"okand{i}@example.se")));
            AssertTooMany(await forgot.SubmitAsync(page, Form(("Email", "okand@example.se")), follow: false));
        }
        using (var reset = new Browserless(app, "10.6.0.4"))
        {
            var page = await reset.GetAsync("/aterstall-losenord?email=styrelse%40insjoriket.example&token=QUJD");
            for (var i = 0; i < 10; i++) await reset.SubmitAsync(page, Form(("Password", NewPassword), ("ConfirmPassword", NewPassword)));
            AssertTooMany(await reset.SubmitAsync(page, Form(("Password", NewPassword), ("ConfirmPassword", NewPassword)), follow: false));
        }
    }

    private static void AssertTooMany(Browserless.Page page)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, page.Status);
        Assert.True(page.Text.Contains("För många försök") && page.Text.Contains("Försök igen om"), $"{page.Url}: {page.Text}");
        var retryAfter = page.Headers?.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }
}

/// <summary>
/// The time a refusal takes must not tell a real account from an unknown address. Measured in-process with the
/// production cost of password hashing, over interleaved attempts, by their medians.
/// </summary>
public class LoginTimingTests : IDisposable
{
    private readonly AppFactory _app = AppFactory.WithSettings(("Testing:PasswordHashIterations", "100000"));

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_take_about_as_long()
    {
        var real = new List<double>();
        var unknown = new List<double>();
        string[] accounts = ["rapportor", "rapportor.kommun", "styrelse", "bug.kommun"];
        for (var i = 0; i < 16; i++)
        {
            // Each attempt from its own address and at most two per account, so no lock or limit interferes and
            // every attempt really checks a password; the first two are warm-up.
            var account = $"{accounts[i % accounts.Length]}@{(i / accounts.Length % 2 == 0 ? "insjoriket" : "sodranorrbotten")}.example";
            var realMs = await TimeFailedLoginAsync($"10.7.1.{i}", account);
            var unknownMs = await TimeFailedLoginAsync($"10.7.2.{i}", $"ingen{i}@insjoriket.example");
            if (i < 2) continue;
            real.Add(realMs);
            unknown.Add(unknownMs);
        }
        var ratio = Median(real) / Median(unknown);
        Assert.True(ratio is > 0.5 and < 2.0,
            $"median {Median(real):F1} ms for a real account, {Median(unknown):F1} ms for an unknown address");
    }

    private async Task<double> TimeFailedLoginAsync(string address, string email)
    {
        using var browser = new Browserless(_app, address);
        var form = await browser.GetAsync("/logga-in");
        var watch = Stopwatch.StartNew();
        var page = await browser.SubmitAsync(form, Form(("Input.Email", email), ("Input.Password", "Fel-Losen-123x")), follow: false);
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    public void Dispose() => _app.Dispose();
}
