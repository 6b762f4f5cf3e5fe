using Deque.AxeCore.Playwright;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Start;

/// <summary>
/// Each role's start page with work waiting, on a desktop screen and a phone: the queue is there, every link in it
/// has a name, and axe finds nothing at all.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StartPageTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        // Once per app: a case in every state a start page counts or lists.
        if (app.Factory.WithDb(db => db.Cases.Any())) return;
        foreach (var state in new[] { CaseState.Inkommen, CaseState.KompletteringBegard, CaseState.RedoForBug, CaseState.RemitteradTillPart, CaseState.Avslutad })
            await app.Factory.FileCaseAsync(state);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("kansli@insjoriket.example", "kansli-queue", 1366)]
    [InlineData("kansli@insjoriket.example", "kansli-queue", 390)]
    [InlineData("bug.fk@insjoriket.example", "bug-queue", 1366)]
    [InlineData("bug.fk@insjoriket.example", "bug-queue", 390)]
    [InlineData("rapportor@insjoriket.example", "reporter-queue", 1366)]
    [InlineData("rapportor@insjoriket.example", "reporter-queue", 390)]
    [InlineData("styrelse@insjoriket.example", "styrelse-queue", 1366)]
    [InlineData("styrelse@insjoriket.example", "styrelse-queue", 390)]
    public async Task Each_role_s_start_page_shows_its_queue_and_passes_axe(string email, string queue, int width)
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, 900);
        await Ui.LoginAsync(page, email);

        Assert.Equal("/", Ui.PathOf(page));
        var section = page.GetByTestId(queue);
        await Assertions.Expect(section).ToBeVisibleAsync();
        Assert.True(await section.Locator("a").CountAsync() > 0);

        var result = await page.RunAxe();
        Assert.True(result.Violations.Length == 0,
            $"axe on the start page of {email} at {width} px:" + string.Concat(result.Violations.Select(v =>
                $"\n- {v.Id} ({v.Impact}): {v.Help}" + string.Concat(v.Nodes.Select(n => $"\n    at {n.Target}: {n.Html}")))));
        await Ui.AssertAccessibleAsync(page, $"/ ({email}, {width} px)");
    }
}
