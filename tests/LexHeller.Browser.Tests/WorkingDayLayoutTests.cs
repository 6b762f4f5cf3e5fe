using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests;

/// <summary>
/// The pages of a working day on a laptop (1366 × 900) and on a phone (390 × 844): each role's start page, the
/// inbox and the kansli's case page. Every page is free of axe violations of any impact and never scrolls sideways;
/// on the phone the menu folds behind "Meny", tables become stacked rows that name each value, and checkboxes,
/// radios and date fields are big enough to hit with a thumb.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkingDayLayoutTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    private const int Phone = 390;
    private const int Laptop = 1366;

    public static TheoryData<string, int> RolesAndWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var email in new[]
                 {
                     "rapportor@insjoriket.example", "kansli@insjoriket.example", "bug.fk@insjoriket.example",
                     "styrelse@insjoriket.example", "admin@lexheller.example",
                     // In two förbund: the header holds the förbund switcher.
                     "samordnare@lexheller.example",
                 })
        foreach (var width in new[] { Laptop, Phone })
            data.Add(email, width);
        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndWidths))]
    public async Task Start_page_fits_the_screen_and_passes_axe(string email, int width)
    {
        await SeedOnceAsync();
        await using var context = await OpenAsync(width);
        var page = context.Pages[0];
        await Ui.LoginAsync(page, email);
        Assert.Equal("/", Ui.PathOf(page));

        await CheckPageAsync(page, $"startsidan ({email}, {width} px)", width);
    }

    [Theory]
    [InlineData(Laptop)]
    [InlineData(Phone)]
    public async Task Kansli_inbox_and_case_pages_fit_the_screen_and_pass_axe(int width)
    {
        var cases = await SeedOnceAsync();
        await using var context = await OpenAsync(width);
        var page = context.Pages[0];
        await Ui.LoginAsync(page, "kansli@insjoriket.example");

        await page.GotoAsync("/inkorg");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = cases.New.Reference }).First).ToBeVisibleAsync();
        await CheckPageAsync(page, $"inkorgen ({width} px)", width);

        // A new case, one under BUG review (the parties to refer to are checkboxes) and one whose parties have answered.
        foreach (var (filed, what) in new[] { (cases.New, "nytt"), (cases.InReview, "i BUG"), (cases.Answered, "besvarat") })
        {
            await page.GotoAsync($"/arenden/{filed.Id}");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(filed.Reference);
            await CheckPageAsync(page, $"ärendet {what} ({width} px)", width);
        }
    }

    [Theory]
    [InlineData("rapportor@insjoriket.example", "/arenden/mina", "my-cases", Laptop)]
    [InlineData("rapportor@insjoriket.example", "/arenden/mina", "my-cases", Phone)]
    [InlineData("bug.fk@insjoriket.example", "/att-besvara", "to-answer", Phone)]
    [InlineData("styrelse@insjoriket.example", "/besvarade", "published", Phone)]
    [InlineData("admin@lexheller.example", "/organisationer", "organisations", Phone)]
    public async Task Lists_of_each_role_fit_the_screen_and_pass_axe(string email, string path, string table, int width)
    {
        await SeedOnceAsync();
        await using var context = await OpenAsync(width);
        var page = context.Pages[0];
        await Ui.LoginAsync(page, email);

        await page.GotoAsync(path);
        await Assertions.Expect(page.GetByTestId(table).Locator("tbody tr").First).ToBeVisibleAsync();
        await CheckPageAsync(page, $"{path} ({email}, {width} px)", width);
    }

    [Theory]
    [InlineData(Laptop)]
    [InlineData(Phone)]
    public async Task Reporter_form_has_large_choices_and_styled_date_fields(int width)
    {
        await using var context = await OpenAsync(width);
        var page = context.Pages[0];
        await Ui.LoginAsync(page, "rapportor@insjoriket.example");

        await page.GotoAsync("/arenden/ny");
        await CheckPageAsync(page, $"Ny rapport – välj typ ({width} px)", width);
        await page.GetByLabel("Avvikelse", new() { Exact = false }).First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Fortsätt" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ny rapport", Level = 1 })).ToBeVisibleAsync();
        await CheckPageAsync(page, $"Ny rapport – formulär ({width} px)", width);

        // The date field looks like the text fields next to it: same height, border and font.
        var date = await StyleOfAsync(page.GetByLabel("Datum för händelsen"));
        var select = await StyleOfAsync(page.GetByLabel("Kategori"));
        Assert.True(date.Height >= 40, $"the date field is {date.Height} px high");
        Assert.InRange(date.Height, select.Height - 2, select.Height + 2);
        Assert.Equal(select.Border, date.Border);
        Assert.Equal(select.Font, date.Font);
    }

    [Fact]
    public async Task Phone_menu_opens_and_closes_with_the_keyboard()
    {
        await using var context = await OpenAsync(Phone);
        var page = context.Pages[0];
        await Ui.LoginAsync(page, "kansli@insjoriket.example");
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Meny", Exact = true });
        var inbox = page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Inkorg", Exact = true });

        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(inbox).ToBeVisibleAsync();

        await inbox.FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(inbox).ToBeHiddenAsync();
        await Assertions.Expect(menu).ToBeFocusedAsync();

        // Opened again, the menu leads to the inbox, which is then marked as the current page.
        await menu.ClickAsync();
        await inbox.ClickAndLoadAsync();
        Assert.Equal("/inkorg", Ui.PathOf(page));
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await menu.ClickAsync();
        await Assertions.Expect(inbox).ToHaveAttributeAsync("aria-current", "page");
    }

    [Fact]
    public async Task Without_javascript_the_phone_menu_is_simply_open()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.RootUrl, Locale = "sv-SE", JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = Phone, Height = 844 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/logga-in");
        await page.GetByLabel("E-post").FillAsync("rapportor@insjoriket.example");
        await page.GetByLabel("Lösenord").FillAsync(AppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.RootUrl.TrimEnd('/') + "/");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Button, new() { Name = "Meny" })).ToHaveCountAsync(0);
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Mina ärenden", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Start", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        Assert.Null(await Ui.SidewaysOverflowAsync(page));
    }

    /// <summary>A fresh browser context at the given width, with one page open.</summary>
    private async Task<IBrowserContext> OpenAsync(int width)
    {
        var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, width == Phone ? 844 : 900);
        return context;
    }

    /// <summary>What every page of the working day must be at this width.</summary>
    private static async Task CheckPageAsync(IPage page, string label, int width)
    {
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" });
        // Every link of the menu, shown or not (a role query would skip the hidden ones).
        var links = nav.Locator("a");
        var current = nav.Locator("a[aria-current=page]");
        var menu = nav.GetByRole(AriaRole.Button, new() { Name = "Meny", Exact = true });
        Assert.True(await links.CountAsync() > 1, $"{label}: the main menu has no links");

        await Ui.AssertNoAxeViolationsAsync(page, label);
        Assert.Null(await Ui.SidewaysOverflowAsync(page));
        await AssertHeaderFitsAsync(page, label);
        await AssertChoicesAreLargeAsync(page, label);

        if (width == Phone)
        {
            await AssertTablesAreStackedAsync(page, label);

            // Folded: only the button shows; opened, every link does, the current page still marked.
            await Assertions.Expect(menu).ToBeVisibleAsync();
            await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
            foreach (var link in await links.AllAsync()) await Assertions.Expect(link).ToBeHiddenAsync();
            await menu.ClickAsync();
            await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
            foreach (var link in await links.AllAsync()) await Assertions.Expect(link).ToBeVisibleAsync();
            if (Ui.PathOf(page) == "/") await Assertions.Expect(current).ToHaveTextAsync("Start");
            await Ui.AssertNoAxeViolationsAsync(page, $"{label}, menyn öppen");
            Assert.Null(await Ui.SidewaysOverflowAsync(page));
            await AssertChoicesAreLargeAsync(page, $"{label}, menyn öppen");
            await menu.ClickAsync();
            await Assertions.Expect(links.First).ToBeHiddenAsync();
        }
        else
        {
            await Assertions.Expect(menu).ToBeHiddenAsync();
            foreach (var link in await links.AllAsync()) await Assertions.Expect(link).ToBeVisibleAsync();
            // On a laptop the whole menu is one row or two, not a column.
            var rows = await nav.Locator("li").EvaluateAllAsync<int>("items => new Set(items.map(i => Math.round(i.getBoundingClientRect().top))).size");
            Assert.True(rows <= 2, $"{label}: the menu takes {rows} rows");
        }
    }

    /// <summary>The brand, the förbund (or its switcher), the user's name and "Logga ut" are all inside the window.</summary>
    private static async Task AssertHeaderFitsAsync(IPage page, string label)
    {
        var outside = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.site-header .brand, .site-header .header-user > *, .site-header select, .site-header button:not(.menu-toggle)')]
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > document.documentElement.clientWidth); })
                .map(e => e.outerHTML.slice(0, 100))
            """);
        Assert.True(outside.Length == 0, $"{label}: the header does not fit: {string.Join(" | ", outside)}");
    }

    /// <summary>Every visible checkbox and radio button is at least 24 × 24 px (WCAG 2.5.8).</summary>
    private static async Task AssertChoicesAreLargeAsync(IPage page, string label)
    {
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input[type=checkbox], input[type=radio]')]
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([e, r]) => r.width > 0 && (r.width < 24 || r.height < 24))
                .map(([e, r]) => `${e.id || e.name}: ${r.width}×${r.height}`)
            """);
        Assert.True(small.Length == 0, $"{label}: choices smaller than 24 px: {string.Join(", ", small)}");
    }

    /// <summary>
    /// On the phone each data table (figures tables of compilations excepted) shows a row as a block whose cells are
    /// lines led by their column's name; the header row is out of sight but still in the table for screen readers.
    /// </summary>
    private static async Task AssertTablesAreStackedAsync(IPage page, string label)
    {
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
                const problems = [];
                for (const table of document.querySelectorAll('main table:not(.report-table)')) {
                    const name = table.dataset.testid || table.caption?.textContent || 'table';
                    if (table.getBoundingClientRect().width === 0) continue;
                    const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
                    if (getComputedStyle(table.querySelector('thead')).position !== 'absolute' && table.querySelector('thead').getBoundingClientRect().height > 1)
                        problems.push(`${name}: the header row is still shown`);
                    if (headers.length === 0) problems.push(`${name}: no column headers for screen readers`);
                    for (const row of [...table.querySelectorAll('tbody tr')].slice(0, 3)) {
                        const box = row.getBoundingClientRect();
                        const cells = [...row.querySelectorAll('td')];
                        if (!(box.height > box.width || cells.every(c => getComputedStyle(c).display !== 'table-cell')))
                            problems.push(`${name}: a row is ${Math.round(box.width)}×${Math.round(box.height)} px, not stacked`);
                        for (const cell of cells) {
                            const wanted = cell.dataset.label;
                            if (wanted === undefined) { problems.push(`${name}: a cell without data-label: ${cell.outerHTML.slice(0, 80)}`); continue; }
                            if (wanted === '') continue;
                            if (!headers.includes(wanted)) problems.push(`${name}: data-label "${wanted}" is no column header`);
                            const shown = getComputedStyle(cell, '::before').content;
                            if (shown !== JSON.stringify(wanted)) problems.push(`${name}: the cell shows ${shown} before its value, not "${wanted}"`);
                        }
                    }
                }
                return problems;
            }
            """);
        Assert.True(problems.Length == 0, $"{label}: tables are not stacked:\n{string.Join("\n", problems)}");
    }

    private sealed record FieldStyle(double Height, string Border, string Font);

    private static async Task<FieldStyle> StyleOfAsync(ILocator field)
    {
        var s = await field.EvaluateAsync<string[]>("""
            e => { const c = getComputedStyle(e); return [String(e.getBoundingClientRect().height), c.borderTopWidth + ' ' + c.borderTopStyle + ' ' + c.borderTopColor, c.fontSize + ' ' + c.fontFamily]; }
            """);
        return new FieldStyle(double.Parse(s[0], System.Globalization.CultureInfo.InvariantCulture), s[1], s[2]);
    }

    private sealed record Seeded(CaseFactory.Filed New, CaseFactory.Filed InReview, CaseFactory.Filed Answered);

    private static readonly SemaphoreSlim SeedLock = new(1, 1);

    /// <summary>
    /// Cases in the states a working day meets: new, waiting on the reporter, under BUG review, referred (the BUG
    /// member's list), answered and concluded (the board's published answers). Filed once per app.
    /// </summary>
    private async Task<Seeded> SeedOnceAsync()
    {
        await SeedLock.WaitAsync();
        try
        {
            if (SeedsByApp.TryGetValue(app, out var done)) return done;
            var seeded = new Seeded(
                await app.Factory.FileCaseAsync(CaseState.Inkommen),
                await app.Factory.FileCaseAsync(CaseState.BehandlasIBug, whatHappened: "Kommunen och regionen väntade båda på den andras bedömning."),
                await app.Factory.FileCaseAsync(CaseState.Besvarad, whatHappened: "Försäkringskassan krävde ett intyg som vården bara utfärdar efter AF:s kartläggning."));
            await app.Factory.FileCaseAsync(CaseState.KompletteringBegard);
            await app.Factory.FileCaseAsync(CaseState.RemitteradTillPart);
            await app.Factory.FileCaseAsync(CaseState.Avslutad);
            var count = await app.Factory.WithDbAsync(db => db.Cases.CountAsync());
            Assert.True(count >= 6);
            SeedsByApp[app] = seeded;
            return seeded;
        }
        finally
        {
            SeedLock.Release();
        }
    }

    private static readonly Dictionary<AppServer, Seeded> SeedsByApp = [];
}
