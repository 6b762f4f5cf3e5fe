using System.Net;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests;

/// <summary>The pages anyone can open without logging in pass axe-core without serious or critical violations.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicPageTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    [Theory]
    [InlineData("/logga-in", 200, "Logga in")]
    [InlineData("/glomt-losenord", 200, "Glömt lösenord?")]
    [InlineData("/tillganglighet", 200, "Tillgänglighetsredogörelse för Lex Heller")]
    [InlineData("/personuppgifter", 200, null)]
    [InlineData("/inbjudan?token=bogus", 200, "Välkommen till Lex Heller")]
    [InlineData("/fel/404", 404, "Sidan finns inte")]
    public async Task Public_page_passes_axe(string path, int status, string? heading)
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(path);

        Assert.Equal(status, response!.Status);
        Assert.Equal(path, Ui.PathOf(page));
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        if (heading is not null) await Assertions.Expect(h1).ToHaveTextAsync(heading);
        else await Assertions.Expect(h1).ToHaveCountAsync(1);
        await Ui.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Footer_links_reach_the_accessibility_statement_and_privacy_notice()
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/logga-in");

        await page.GetByRole(AriaRole.Link, new() { Name = "Tillgänglighetsredogörelse" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.RootUrl + "/tillganglighet");
        await page.GetByRole(AriaRole.Link, new() { Name = "Så hanterar vi personuppgifter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.RootUrl + "/personuppgifter");
    }

    [Fact]
    public async Task Unknown_address_when_logged_out_leads_to_login()
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/finns-inte");

        // A stranger learns nothing about which addresses exist: every unknown page asks for a login first.
        Assert.Equal("/logga-in?ReturnUrl=%2Ffinns-inte", Ui.PathOf(page));
        await Ui.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Keyboard_user_skips_to_the_content_and_sees_where_focus_is()
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/logga-in");

        // The first Tab reaches the skip link, which then becomes visible.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Hoppa till innehållet" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        var box = await skip.BoundingBoxAsync();
        Assert.True(box is { X: >= 0, Y: >= 0 }, $"The focused skip link is off screen: {box?.X},{box?.Y}");

        // Following it, the next Tab lands in the form, past the header.
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        var email = page.GetByLabel("E-post");
        await Assertions.Expect(email).ToBeFocusedAsync();

        // WCAG 1.4.11: the focus indicator must stand out at least 3:1 against the page around the field.
        var contrast = await FocusIndicatorContrastAsync(email);
        Assert.True(contrast >= 3, $"The focus indicator of E-post has contrast {contrast:0.00}:1 against the page background.");
    }

    /// <summary>
    /// The best contrast between any part of the focused element's indicator (outline colour, box-shadow colours)
    /// and the background behind the element.
    /// </summary>
    private static async Task<double> FocusIndicatorContrastAsync(ILocator focused) =>
        await focused.EvaluateAsync<double>("""
            el => {
                const rgb = s => (s.match(/rgba?\(([^)]+)\)/g) || []).map(m => m.replace(/rgba?\(|\)/g, '').split(/[ ,\/]+/).map(Number));
                const lum = ([r, g, b]) => [r, g, b].map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
                    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
                const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
                let bg = null;
                for (let n = el.parentElement; n && !bg; n = n.parentElement) {
                    const c = rgb(getComputedStyle(n).backgroundColor)[0];
                    if (c && (c.length < 4 || c[3] > 0)) bg = c;
                }
                bg = bg || [255, 255, 255];
                const style = getComputedStyle(el);
                const parts = [];
                if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) parts.push(...rgb(style.outlineColor));
                if (style.boxShadow !== 'none') parts.push(...rgb(style.boxShadow));
                return Math.max(0, ...parts.filter(c => c.length < 4 || c[3] > 0).map(c => ratio(c, bg)));
            }
            """);

    [Fact]
    public async Task Failed_login_shows_an_accessible_error()
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/logga-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#email-error")).ToHaveTextAsync("Fyll i din e-postadress.");
        await Assertions.Expect(page.GetByLabel("E-post")).ToHaveAttributeAsync("aria-describedby", "email-error");
        await Ui.AssertAccessibleAsync(page, "/logga-in with errors");
    }

    [Fact]
    public async Task Axe_check_itself_fails_on_a_page_with_known_defects()
    {
        // Guards the guard: a broken axe injection would otherwise make every check above pass silently.
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await page.SetContentAsync(
            "<html><head><title>t</title></head><body><main><img src='data:,'><input type='text'>" +
            "<p style='color:#ccc;background:#fff'>blek text</p></main></body></html>");

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.FailException>(() => Ui.AssertAccessibleAsync(page, "known-bad page"));

        Assert.Contains("- image-alt (critical)", failure.Message);
        Assert.Contains("label (critical)", failure.Message);
        Assert.Contains("color-contrast (serious)", failure.Message);
    }
}
