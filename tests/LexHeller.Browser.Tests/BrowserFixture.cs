using Microsoft.Playwright;

namespace LexHeller.Browser.Tests;

/// <summary>
/// One headless system Chromium for the whole test assembly. Every test opens its own context (its own cookies),
/// which is cheap; starting the browser is not.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>A fresh context (no cookies) whose relative URLs resolve against <paramref name="rootUrl"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(string rootUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = rootUrl,
            Locale = "sv-SE",
            // The app's Content-Security-Policy allows only its own scripts; axe-core is injected by the test.
            BypassCSP = true,
        });
        // Generous for a loaded build machine; a passing step takes well under a second.
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(20_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
