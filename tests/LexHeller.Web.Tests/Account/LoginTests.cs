using System.Net;
using LexHeller.Testing;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Account;

public class LoginTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Wrong = "Fel e-post eller lösenord.";

    [Fact]
    public async Task The_login_form_has_the_labelled_fields()
    {
        using var browser = new Browserless(app);
        var page = await browser.GetAsync("/logga-in");
        var labels = page.Document.QuerySelectorAll("main label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal(["E-post", "Lösenord"], labels);
        Assert.Equal("Logga in", page.Document.QuerySelector("main button[type=submit]")!.TextContent.Trim());
        Assert.NotNull(page.Document.QuerySelector("a[href='/glomt-losenord']"));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_message()
    {
        using var browser = new Browserless(app);
        var wrongPassword = await browser.SubmitAsync(await browser.GetAsync("/logga-in"),
            Form(("Input.Email", "styrelse@sodranorrbotten.example"), ("Input.Password", "Inte-Ratt-123")));
        var unknownUser = await browser.SubmitAsync(await browser.GetAsync("/logga-in"),
            Form(("Input.Email", "ingen@example.se"), ("Input.Password", "Inte-Ratt-123")));

        Assert.Equal(wrongPassword.ErrorText(), unknownUser.ErrorText());
        Assert.Contains(Wrong, wrongPassword.ErrorText());
        Assert.Equal("/logga-in", (await browser.GetAsync("/")).Url.Split('?')[0]);
    }

    [Fact]
    public async Task Empty_fields_are_named_next_to_the_field()
    {
        using var browser = new Browserless(app);
        var page = await browser.SubmitAsync(await browser.GetAsync("/logga-in"), Form(("Input.Email", ""), ("Input.Password", "")));
        Assert.Equal("Fyll i din e-postadress.", page.Document.QuerySelector("#email-error")!.TextContent);
        Assert.Equal("Fyll i ditt lösenord.", page.Document.QuerySelector("#password-error")!.TextContent);
        Assert.Equal("true", page.Document.QuerySelector("#Input_Email")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Five_failures_lock_this_address_out_of_the_account_even_for_the_right_password()
    {
        const string email = "rapportor.kommun@sodranorrbotten.example";
        using var browser = new Browserless(app, "10.9.0.1");
        for (var i = 0; i < 4; i++)
        {
            var failed = await browser.SubmitAsync(await browser.GetAsync("/logga-in"), Form(("Input.Email", email), ("Input.Password", $"Fel-Losen-{i}xyz")));
            Assert.Contains(Wrong, failed.ErrorText());
        }
        var fifth = await browser.SubmitAsync(await browser.GetAsync("/logga-in"), Form(("Input.Email", email), ("Input.Password", "Fel-Losen-5xyz")));
        Assert.Contains("för många misslyckade försök", fifth.ErrorText());

        var right = await browser.SubmitAsync(await browser.GetAsync("/logga-in"), Form(("Input.Email", email), ("Input.Password", AppFactory.Password)));
        Assert.Contains("för många misslyckade försök", right.ErrorText());
        Assert.Equal("/logga-in", right.Url);

        // The lock belongs to this address; the owner's own account is not locked.
        Assert.False(await app.IsLockedOutAsync(email));
        using var elsewhere = new Browserless(app, "10.9.0.2");
        Assert.Equal("/", (await elsewhere.LoginAsync(email)).Url);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        using var browser = new Browserless(app);
        var start = await browser.LoginAsync("rapportor@sodranorrbotten.example");
        Assert.Equal("/", start.Url);
        var after = await browser.SubmitAsync(start, Form(), "form.logout");
        Assert.Contains("Du är utloggad.", after.Text);
        Assert.StartsWith("/logga-in", (await browser.GetAsync("/konto")).Url);
    }

    [Fact]
    public async Task A_copied_session_cookie_no_longer_works_after_logging_out()
    {
        using var browser = new Browserless(app);
        var start = await browser.LoginAsync("rapportor.kommun@insjoriket.example");
        Assert.Equal("/", start.Url);
        using var thief = new Browserless(app);
        var root = new Uri("https://localhost/");
        foreach (System.Net.Cookie cookie in browser.Cookies.GetCookies(root)) thief.Cookies.Add(root, new System.Net.Cookie(cookie.Name, cookie.Value));
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/konto", follow: false)).Status);

        await browser.SubmitAsync(start, Form(), "form.logout");

        var afterLogout = await thief.GetAsync("/konto", follow: false);
        Assert.Equal(HttpStatusCode.Redirect, afterLogout.Status);
        Assert.StartsWith("/logga-in", new Uri(root, afterLogout.Location).PathAndQuery);
    }

    [Fact]
    public async Task The_return_address_is_followed_only_within_the_app()
    {
        using var browser = new Browserless(app);
        var page = await browser.LoginAsync("styrelse@insjoriket.example", returnUrl: "https://evil.example/");
        Assert.Equal("/", page.Url);
        using var second = new Browserless(app);
        var konto = await second.LoginAsync("styrelse@insjoriket.example", returnUrl: "/konto");
        Assert.Equal("/konto", konto.Url);
        Assert.Equal(HttpStatusCode.OK, konto.Status);
    }
}
