using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Api;

/// <summary>
/// The kansli publishes open data in Inställningar and gets the code for its web site; the förbund's site (another
/// origin) shows the list of published answers in a frame, while the app's other pages refuse to be framed there.
/// The settings page and the framed list are axe-clean and reflow.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OpenDataEmbedTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task The_kansli_publishes_open_data_and_the_forbunds_own_site_frames_the_list_of_answers()
    {
        var filed = await app.Factory.FileCaseAsync(CaseState.Avslutad);

        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "kansli@insjoriket.example");
        await page.GotoAsync("/installningar");
        await Assertions.Expect(page.GetByTestId("open-data-links")).ToHaveCountAsync(0);
        await page.GetByLabel("Publicera öppna data").CheckAsync();
        await page.GetByLabel("Licens för öppna data").SelectOptionAsync(new SelectOptionValue { Label = "CC BY 4.0 (erkännande)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara inställningarna" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("2 inställningar sparades.");
        var links = page.GetByTestId("open-data-links");
        await Assertions.Expect(links).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Kod att klistra in på webbplatsen")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^<iframe src=\".*/api/v1/oppna-data/ins/svar.html\""));
        await Ui.AssertAccessibleAsync(page, "/installningar with open data published");
        var embedPath = new Uri(await links.GetByRole(AriaRole.Link, new() { Name = "/api/v1/oppna-data/ins/svar.html", Exact = false }).GetAttributeAsync("href") ?? "").AbsolutePath;
        Assert.Equal("/api/v1/oppna-data/ins/svar.html", embedPath);

        // The förbund's own site, on an origin of its own (localhost, beside the app's 127.0.0.1), frames the list and,
        // beside it, a page that must not be framed. It is a real loopback server: Chromium keeps a page of unknown
        // address from framing loopback addresses at all. Its context enforces CSP, as a visitor's browser does.
        var html = $"""
            <!DOCTYPE html><html lang="sv"><head><title>Förbundets webbplats</title></head><body>
            <h1>Förbundets webbplats</h1>
            <iframe name="svar" src="{app.RootUrl}{embedPath}" title="Publicerade svar" width="800" height="600"></iframe>
            <iframe name="annat" src="{app.RootUrl}/api/v1/docs" title="Annat" width="800" height="200"></iframe>
            </body></html>
            """;
        using var server = SiteServer.Start(html);
        await using var visitor = await browser.Browser.NewContextAsync(new() { Locale = "sv-SE" });
        var site = await visitor.NewPageAsync();
        await site.GotoAsync(server.Url);
        var framed = site.FrameLocator("iframe[name=svar]");
        await Assertions.Expect(framed.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Publicerade svar från Samordningsförbundet Insjöriket");
        await Assertions.Expect(framed.GetByRole(AriaRole.Heading, new() { Name = $"{filed.Reference}: Överlämning och remiss" })).ToBeVisibleAsync();
        await Assertions.Expect(framed.GetByRole(AriaRole.Link, new() { Name = "CC BY 4.0 (erkännande)" })).ToHaveAttributeAsync("target", "_blank");
        // The reference page refuses the frame: nothing of it is shown inside.
        var refusedFrame = site.Frames.Single(f => f.Name == "annat");
        await refusedFrame.WaitForLoadStateAsync();
        Assert.DoesNotContain("API-referens", await refusedFrame.ContentAsync());
        Assert.Contains("API-referens", await (await context.APIRequest.GetAsync("/api/v1/docs")).TextAsync());

        // The list itself, opened on its own, is accessible to its last rule and fits a narrow window.
        var list = await context.NewPageAsync();
        await list.GotoAsync(embedPath);
        await Ui.AssertNoAxeViolationsAsync(list, embedPath);
        await Ui.AssertAccessibleAsync(list, embedPath);
    }

    /// <summary>A one-page web site on localhost: the förbund's own, as far as the browser can tell.</summary>
    private sealed class SiteServer : IDisposable
    {
        private readonly System.Net.HttpListener listener = new();

        public string Url { get; private init; } = "";

        public static SiteServer Start(string html)
        {
            var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var server = new SiteServer { Url = $"http://localhost:{port}/" };
            server.listener.Prefixes.Add(server.Url);
            server.listener.Start();
            var body = System.Text.Encoding.UTF8.GetBytes(html);
            _ = Task.Run(async () =>
            {
                while (server.listener.IsListening)
                {
                    try
                    {
                        var context = await server.listener.GetContextAsync();
                        context.Response.ContentType = "text/html; charset=utf-8";
                        await context.Response.OutputStream.WriteAsync(body);
                        context.Response.Close();
                    }
                    catch (Exception e) when (e is System.Net.HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                }
            });
            return server;
        }

        public void Dispose() => listener.Close();
    }
}
