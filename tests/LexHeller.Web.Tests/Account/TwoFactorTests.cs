using System.Net;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Account;

public class TwoFactorTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("kansli@insjoriket.example", "/anvandare")]
    [InlineData("bug.af@insjoriket.example", "/")]
    [InlineData("admin@lexheller.example", "/forbund")]
    public async Task An_enrolled_privileged_user_needs_the_code_and_a_password_alone_reaches_nothing(string email, string page)
    {
        using var browser = new Browserless(app);
        var afterPassword = await browser.LoginAsync(email, totpSecret: null);
        Assert.Equal("/logga-in/verifiera", afterPassword.Url.Split('?')[0]);
        Assert.Contains("Verifieringskod", afterPassword.Text);

        var typed = await browser.GetAsync(page);
        Assert.StartsWith("/logga-in", typed.Url);
        Assert.DoesNotContain("Välkommen", typed.Text);

        var wrong = await browser.SubmitAsync(afterPassword, Form(("Code", "000000")));
        Assert.Contains("Koden stämmer inte", wrong.ErrorText());

        var right = await browser.SubmitAsync(afterPassword, Form(("Code", Totp.Code(AppFactory.TotpSecret))));
        Assert.Equal("/", right.Url);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(page)).Status);
    }

    [Theory]
    [InlineData(MembershipRole.Kansli, "/anvandare")]
    [InlineData(MembershipRole.BugLedamot, "/")]
    [InlineData(MembershipRole.Administrator, "/forbund")]
    public async Task A_new_privileged_user_is_forced_to_enrol_before_any_page(MembershipRole role, string target)
    {
        var email = $"ny.{role.ToString().ToLowerInvariant()}@insjoriket.example";
        using (var admin = new Browserless(app))
        {
            await admin.LoginAsync("admin@lexheller.example");
            var orgs = role == MembershipRole.BugLedamot ? [app.OrganisationId("Försäkringskassan")] : Array.Empty<int>();
            var invited = await admin.InviteAsync(email, "Ny Person", role, orgs, app.ForbundId("INS"));
            Assert.Contains("En inbjudan har skickats", invited.Text);
        }

        using var browser = new Browserless(app);
        await browser.AcceptInvitationAsync(app.InvitationLink(email));
        var landed = await browser.LoginAsync(email, NewPassword, totpSecret: null);
        Assert.Equal("/konto/tvafaktor", landed.Url.Split('?')[0]);
        Assert.Contains("måste du aktivera tvåfaktorsinloggning", landed.Text);
        Assert.Empty(landed.NavLinks);

        foreach (var url in new[] { "/", target, "/konto", "/anvandare/ny" })
            Assert.StartsWith("/konto/tvafaktor", (await browser.GetAsync(url)).Url);

        var key = landed.Document.QuerySelector("#totp-key")!.GetAttribute("data-key")!;
        Assert.NotNull(landed.Document.QuerySelector("img[src^='data:image/png;base64,']"));
        var codes = await browser.SubmitAsync(landed, Form(("Code", Totp.Code(key))));
        Assert.Equal(10, codes.Document.QuerySelectorAll("[data-testid=recovery-codes] li").Length);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(target)).Status);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task A_wrong_code_at_enrolment_is_refused_and_enables_nothing()
    {
        const string email = "ny.felkod@insjoriket.example";
        using var browser = new Browserless(app);
        var enrol = await NewKansliAtEnrolmentAsync(browser, email);
        var wrong = await browser.SubmitAsync(enrol, Form(("Code", "123456")));
        Assert.Contains("Koden stämmer inte", wrong.ErrorText());
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task A_recovery_code_logs_in_once()
    {
        const string email = "ny.aterstallning@insjoriket.example";
        string code;
        using (var browser = new Browserless(app))
        {
            var enrol = await NewKansliAtEnrolmentAsync(browser, email);
            var key = enrol.Document.QuerySelector("#totp-key")!.GetAttribute("data-key")!;
            var codes = await browser.SubmitAsync(enrol, Form(("Code", Totp.Code(key))));
            code = codes.Document.QuerySelector("[data-testid=recovery-codes] li code")!.TextContent;
        }

        using (var phoneLost = new Browserless(app))
        {
            var verify = await phoneLost.LoginAsync(email, NewPassword, totpSecret: null);
            var recovery = await phoneLost.GetAsync("/logga-in/aterstallningskod");
            var inside = await phoneLost.SubmitAsync(recovery, Form(("RecoveryCode", code)));
            Assert.Equal("/", inside.Url);
            Assert.Contains("9 koder kvar", inside.Text);
            Assert.Equal(HttpStatusCode.OK, (await phoneLost.GetAsync("/anvandare")).Status);
        }

        using var again = new Browserless(app);
        await again.LoginAsync(email, NewPassword, totpSecret: null);
        var reuse = await again.SubmitAsync(await again.GetAsync("/logga-in/aterstallningskod"), Form(("RecoveryCode", code)));
        Assert.Contains("felaktig eller redan använd", reuse.ErrorText());
        Assert.StartsWith("/logga-in", (await again.GetAsync("/anvandare")).Url);
    }

    [Fact]
    public async Task A_reporter_is_not_forced_but_may_enrol()
    {
        using var browser = new Browserless(app);
        var start = await browser.LoginAsync("rapportor@insjoriket.example", totpSecret: null);
        Assert.Equal("/", start.Url);
        var konto = await browser.GetAsync("/konto");
        Assert.Contains("Tvåfaktorsinloggning är inte aktiverad", konto.Text);
        Assert.NotNull(konto.Document.QuerySelector("a[href^='/konto/tvafaktor']"));
    }

    /// <summary>An administrator invites a new kansli; the invitee chooses a password and logs in, landing on enrolment.</summary>
    private async Task<Browserless.Page> NewKansliAtEnrolmentAsync(Browserless browser, string email)
    {
        using (var admin = new Browserless(app))
        {
            await admin.LoginAsync("admin@lexheller.example");
            await admin.InviteAsync(email, "Ny Kansli", MembershipRole.Kansli, forbundId: app.ForbundId("INS"));
        }
        await browser.AcceptInvitationAsync(app.InvitationLink(email));
        return await browser.LoginAsync(email, NewPassword, totpSecret: null);
    }
}
