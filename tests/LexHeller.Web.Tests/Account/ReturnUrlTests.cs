using System.Net;
using LexHeller.Testing;
using LexHeller.Web.Identity;

namespace LexHeller.Web.Tests.Account;

/// <summary>A return address from a link someone else wrote leads only to a page of this app, and never to an error.</summary>
public class ReturnUrlTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> Hostile =>
    [
        "/\t/evil.example",
        "/\r\n/evil.example",
        "/\n/evil.example",
        "/\u3000/evil.example",
        "/\u00a0/evil.example",
        "/\\evil.example",
        "/\\\\evil.example",
        "/x/\\..\\\\evil.example",
        "//evil.example",
        "https://evil.example/",
        "\t//evil.example",
        " /konto",
        "/konto\u0000",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void The_local_check_refuses_what_a_browser_could_read_as_another_site(string returnUrl) =>
        Assert.Equal("/", Links.LocalOr(returnUrl));

    [Theory]
    [InlineData("/konto")]
    [InlineData("/inkorg?q=ab%20c&sida=2")]
    [InlineData("/arenden/12")]
    public void The_local_check_keeps_a_page_of_the_app(string returnUrl) =>
        Assert.Equal(returnUrl, Links.LocalOr(returnUrl));

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Logging_in_with_a_hostile_return_address_lands_on_the_start_page(string returnUrl)
    {
        using var browser = new Browserless(app);
        var page = await browser.LoginAsync("styrelse@insjoriket.example", returnUrl: returnUrl);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/", page.Url);
    }

    [Theory]
    [InlineData("/konto/aterstallningskoder?returnUrl=%2F%09%2Fevil.example")]
    [InlineData("/konto/aterstallningskoder?returnUrl=%2F%E3%80%80%2Fevil.example")]
    [InlineData("/konto/aterstallningskoder?returnUrl=%2F%5Cevil.example")]
    public async Task The_recovery_codes_page_continues_only_within_the_app(string url)
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync("rapportor@insjoriket.example", totpSecret: null);
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/", page.Document.QuerySelector("main a.button")!.GetAttribute("href"));
    }
}
