using System.Text;
using Deque.AxeCore.Playwright;
using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests;

public static class Ui
{
    /// <summary>
    /// Clicks something that loads a new page and returns when that page has fully loaded (stylesheet included,
    /// so axe sees the real colours). Watches the document itself rather than Playwright's load events.
    /// </summary>
    public static async Task ClickAndLoadAsync(this ILocator target)
    {
        var page = target.Page;
        await page.EvaluateAsync("() => { window.__lexHellerLeaving = true; }");
        await target.ClickAsync();
        await page.WaitForFunctionAsync("() => !window.__lexHellerLeaving && document.readyState === 'complete'",
            null, new PageWaitForFunctionOptions { PollingInterval = 50 });
    }

    /// <summary>The path (and query) the page is on now.</summary>
    public static string PathOf(IPage page) => new Uri(page.Url).PathAndQuery;

    /// <summary>
    /// Logs in through the form as a person would. When the app asks for the authenticator code, runs
    /// <paramref name="onVerifyPage"/> (if any) and types the code computed from <paramref name="totpSecret"/>.
    /// </summary>
    public static async Task LoginAsync(IPage page, string email, string password = AppFactory.Password,
        string? totpSecret = AppFactory.TotpSecret, Func<IPage, Task>? onVerifyPage = null)
    {
        await page.GotoAsync("/logga-in");
        await page.GetByLabel("E-post").FillAsync(email);
        await page.GetByLabel("Lösenord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAndLoadAsync();
        if (!PathOf(page).StartsWith("/logga-in/verifiera", StringComparison.Ordinal)) return;

        Assert.NotNull(totpSecret);
        if (onVerifyPage is not null) await onVerifyPage(page);
        await page.GetByLabel("Verifieringskod").FillAsync(Totp.Code(totpSecret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verifiera", Exact = true }).ClickAndLoadAsync();
    }

    /// <summary>
    /// Runs axe-core on the page and fails on every serious or critical violation; then narrows the window to
    /// 320 CSS pixels (400 % zoom of a 1280 px screen) and fails if the page must be scrolled sideways (WCAG 1.4.10).
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page, string? label = null)
    {
        label ??= PathOf(page);
        var problems = new StringBuilder();

        var result = await page.RunAxe();
        foreach (var v in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            problems.Append($"\n- {v.Id} ({v.Impact}): {v.Help}");
            foreach (var node in v.Nodes)
                problems.Append($"\n    at {node.Target}: {node.Html}");
        }

        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(320, 800);
        try
        {
            var overflow = await SidewaysOverflowAsync(page);
            if (overflow is not null) problems.Append($"\n- reflow (WCAG 1.4.10): the page scrolls sideways, {overflow}");
        }
        finally
        {
            if (size is not null) await page.SetViewportSizeAsync(size.Width, size.Height);
        }

        if (problems.Length > 0) Assert.Fail($"Accessibility problems on {label}:{problems}");
    }

    /// <summary>
    /// Runs axe-core with its default rules (WCAG 2.x A/AA and best practices) and fails on every violation,
    /// whatever its impact — minor and moderate included — naming each rule and each element.
    /// </summary>
    public static async Task AssertNoAxeViolationsAsync(IPage page, string? label = null)
    {
        label ??= PathOf(page);
        var result = await page.RunAxe();
        if (result.Violations.Length == 0) return;
        var problems = new StringBuilder();
        foreach (var v in result.Violations)
        {
            problems.Append($"\n- {v.Id} ({v.Impact ?? "no impact given"}): {v.Help}");
            foreach (var node in v.Nodes)
                problems.Append($"\n    at {node.Target}: {node.Html}");
        }
        Assert.Fail($"axe found {result.Violations.Length} violation(s) on {label}:{problems}");
    }

    /// <summary>
    /// Null when the page fits its window; otherwise how wide it is and the elements where the overflow starts
    /// (too wide themselves, their parent not).
    /// </summary>
    public static Task<string?> SidewaysOverflowAsync(IPage page) => page.EvaluateAsync<string?>("""
        () => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return null;
            const sticksOut = e => e && e.getBoundingClientRect().right > width + 1;
            const culprits = [...document.querySelectorAll('body *')]
                .filter(e => sticksOut(e) && !sticksOut(e.parentElement))
                .slice(0, 5).map(e => e.outerHTML.slice(0, 120));
            // No box sticks out: some text is wider than its box. Name the innermost boxes whose content overflows.
            const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 && getComputedStyle(e).overflowX === 'visible')
                .filter((e, _, all) => !all.some(o => o !== e && e.contains(o)))
                .slice(0, 3).map(e => e.outerHTML.slice(0, 120));
            return `${document.documentElement.scrollWidth}px wide at ${width}px; starts at: ${culprits.join(' | ') || 'text too wide for its box: ' + (wide.join(' | ') || '?')}`;
        }
        """);

    /// <summary>The main navigation as (title, path) pairs, in order.</summary>
    public static async Task<IReadOnlyList<(string Title, string Path)>> MainNavAsync(IPage page)
    {
        var links = new List<(string, string)>();
        foreach (var a in await page.Locator("nav.main-nav a").AllAsync())
            links.Add(((await a.InnerTextAsync()).Trim(), await a.GetAttributeAsync("href") ?? ""));
        return links;
    }
}
