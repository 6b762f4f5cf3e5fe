using System.Net;
using AngleSharp.Html.Parser;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Bug;

/// <summary>What a BUG member does in these tests, done through the pages.</summary>
internal static class BugSteps
{
    public const string BugFk = "bug.fk@insjoriket.example";
    public const string BugAf = "bug.af@insjoriket.example";
    public const string BugKommun = "bug.kommun@insjoriket.example";
    public const string Kansli = "kansli@insjoriket.example";
    public const string Board = "styrelse@insjoriket.example";
    public const string ReporterName = "Sara Lindqvist";
    public const string ReporterMailbox = "rapportor@";

    public static string ResponsePath(int caseId, int organisationId) => $"/arenden/{caseId}/svar/{organisationId}";

    /// <summary>
    /// Presses "Spara utkast" (Draft) or "Skicka svaret" (Submit) on a loaded response page; after "Skicka svaret" it
    /// also presses "Skicka" on the confirmation, when one is shown (use <see cref="PressOnlyAsync"/> to stop there).
    /// </summary>
    public static async Task<Browserless.Page> PressAsync(this Browserless browser, Browserless.Page form, string text, string handler, bool follow = true)
    {
        var page = await browser.PressOnlyAsync(form, text, handler, follow);
        return page.Document.QuerySelector("form[data-confirm=response]") is null
            ? page
            : await browser.SubmitAsync(page, new Dictionary<string, string>(), "form[data-confirm=response]", follow);
    }

    /// <summary>Presses the button and nothing more.</summary>
    public static Task<Browserless.Page> PressOnlyAsync(this Browserless browser, Browserless.Page form, string text, string handler, bool follow = true) =>
        browser.SubmitAsync(form, new Dictionary<string, string> { ["Input.Response"] = text }, "form.response-form", follow,
            $"{form.Url.Split('?')[0]}?handler={handler}");

    public static Task<CaseReferral> ReferralAsync(this AppFactory app, int caseId, string organisation) =>
        app.WithDbAsync(db => db.CaseReferrals.AsNoTracking()
            .SingleAsync(r => r.CaseId == caseId && r.OrganisationId == db.Organisations.Single(o => o.Name == organisation).Id));

    public static Task<CaseState> StateAsync(this AppFactory app, int caseId) =>
        app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.State).SingleAsync());

    public static string Html(this Browserless.Page page) => page.Document.DocumentElement.OuterHtml;
}

/// <summary>
/// A logged-in client that hands back the raw response, for downloads (the page client parses every answer as HTML).
/// </summary>
internal sealed class Downloader(AppFactory app) : IDisposable
{
    private readonly HttpClient _http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    private static readonly HtmlParser Parser = new();

    public async Task LoginAsync(string email)
    {
        var landed = await PostFormAsync("/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = AppFactory.Password });
        if (landed.StartsWith("/logga-in/verifiera"))
            landed = await PostFormAsync(landed, new() { ["Code"] = Totp.Code(AppFactory.TotpSecret) });
        Assert.False(landed.StartsWith("/logga-in"), $"{email} was not logged in");
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    /// <summary>Fills the page's post form like a browser and returns where its redirect leads.</summary>
    private async Task<string> PostFormAsync(string url, Dictionary<string, string> fields)
    {
        var document = Parser.ParseDocument(await _http.GetStringAsync(url));
        var form = document.QuerySelector("main form[method=post]")!;
        var values = form.QuerySelectorAll("input[name]")
            .Where(i => i.GetAttribute("type") is not ("checkbox" or "radio" or "submit") && !fields.ContainsKey(i.GetAttribute("name")!))
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(fields);
        var response = await _http.PostAsync(url, new FormUrlEncodedContent(values));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"{url} answered {response.StatusCode}");
        return response.Headers.Location!.OriginalString;
    }

    public void Dispose() => _http.Dispose();
}
