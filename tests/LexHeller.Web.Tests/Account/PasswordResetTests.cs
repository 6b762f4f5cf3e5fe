using LexHeller.Testing;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Account;

public class PasswordResetTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_reset_link_by_mail_sets_a_new_password_once()
    {
        const string email = "styrelse@sodranorrbotten.example";
        using var browser = new Browserless(app);
        var forgot = await browser.SubmitAsync(await browser.GetAsync("/glomt-losenord"), Form(("Email", email)));
        Assert.Contains("Om det finns ett aktivt konto", forgot.Text);

        var link = app.LinkIn(email, "/aterstall-losenord");
        var reset = await browser.GetAsync(link);
        var done = await browser.SubmitAsync(reset, Form(("Password", NewPassword), ("ConfirmPassword", NewPassword)));
        Assert.Contains("Du har bytt lösenord", done.Text);

        Assert.Contains("Fel e-post eller lösenord.", (await browser.LoginAsync(email, AppFactory.Password)).ErrorText());
        Assert.Equal("/", (await browser.LoginAsync(email, NewPassword)).Url);

        using var other = new Browserless(app);
        var reuse = await other.SubmitAsync(await other.GetAsync(link), Form(("Password", "Annat-Losen-99"), ("ConfirmPassword", "Annat-Losen-99")));
        Assert.Contains("Länken är ogiltig, redan använd eller har gått ut", reuse.ErrorText());
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_mail()
    {
        using var browser = new Browserless(app);
        var before = app.WithDb(db => db.Outbox.Count());
        var page = await browser.SubmitAsync(await browser.GetAsync("/glomt-losenord"), Form(("Email", "ingen.alls@example.se")));
        Assert.Contains("Om det finns ett aktivt konto", page.Text);
        Assert.Equal(before, app.WithDb(db => db.Outbox.Count()));
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_next_to_the_field()
    {
        const string email = "rapportor.kommun@insjoriket.example";
        using var browser = new Browserless(app);
        await browser.SubmitAsync(await browser.GetAsync("/glomt-losenord"), Form(("Email", email)));
        var reset = await browser.GetAsync(app.LinkIn(email, "/aterstall-losenord"));
        var weak = await browser.SubmitAsync(reset, Form(("Password", "kort"), ("ConfirmPassword", "kort")));
        Assert.Contains("minst 12 tecken", weak.Document.QuerySelector("#password-error")!.TextContent);
        Assert.Equal("/", (await browser.LoginAsync(email, AppFactory.Password)).Url);
    }

    [Fact]
    public async Task The_mail_has_no_password_and_a_single_link()
    {
        const string email = "rapportor@sodranorrbotten.example";
        using var browser = new Browserless(app);
        await browser.SubmitAsync(await browser.GetAsync("/glomt-losenord"), Form(("Email", email)));
        var mail = app.WithDb(db => db.Outbox.Where(m => m.To == email).OrderByDescending(m => m.Id).First());
        Assert.Equal("Återställ ditt lösenord i Lex Heller", mail.Subject);
        Assert.DoesNotContain(AppFactory.Password, mail.TextBody);
        Assert.Contains("<a href=", mail.HtmlBody);
    }

    [Fact]
    public async Task The_link_in_the_mail_never_comes_from_the_requests_host_header()
    {
        const string email = "bug.af@sodranorrbotten.example";
        using var browser = new Browserless(app);
        var page = await browser.GetAsync("http://evil.example/glomt-losenord");
        await browser.SubmitAsync(page, Form(("Email", email)));
        var body = app.WithDb(db => db.Outbox.Where(m => m.To == email).OrderByDescending(m => m.Id).Select(m => m.TextBody).First());
        Assert.DoesNotContain("evil.example", body);
        Assert.Contains(LexHeller.Core.Time.PublicUrlOptions.Development + "/aterstall-losenord?", body);
    }

    [Fact]
    public async Task The_link_in_the_mail_uses_the_configured_public_address()
    {
        const string email = "bug.af@sodranorrbotten.example";
        using var configured = AppFactory.WithSettings(("App:PublicUrl", "https://lexheller.forbund.example/"));
        using var browser = new Browserless(configured);
        await browser.SubmitAsync(await browser.GetAsync("http://evil.example/glomt-losenord"), Form(("Email", email)));
        var body = configured.WithDb(db => db.Outbox.Where(m => m.To == email).OrderByDescending(m => m.Id).Select(m => m.TextBody).First());
        Assert.Contains("https://lexheller.forbund.example/aterstall-losenord?", body);
    }
}
