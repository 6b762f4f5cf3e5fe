using System.Net;
using System.Net.Http.Headers;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Xunit;

namespace LexHeller.Testing;

/// <summary>
/// An HTTP client that behaves like a browser without script: keeps cookies, follows no redirect by itself,
/// reads forms (with their antiforgery token) from the page and posts them back. With a client address it speaks
/// from that address, as people on different networks do.
/// </summary>
public sealed class Browserless : IDisposable
{
    private readonly HttpClient _http;

    public Browserless(AppFactory factory, string? clientAddress = null)
    {
        // Over HTTPS, as a browser reaches the app: a production-like host redirects plain HTTP. A real server is
        // reached at its loopback address, over a socket, as others (an identity provider) reach it too.
        _http = factory.IsRealServer
            ? new HttpClient(new CookieContainerHandler(Cookies) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false } })
            {
                BaseAddress = new Uri(factory.RootUrl),
            }
            : factory.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(Cookies));
        if (clientAddress is not null) _http.DefaultRequestHeaders.Add(ClientAddressFilter.Header, clientAddress);
    }

    /// <summary>The cookie jar, for tests that copy a session to another client as a thief would.</summary>
    public CookieContainer Cookies { get; } = new();

    private static readonly IBrowsingContext Parser = BrowsingContext.New(Configuration.Default);

    /// <summary>The client itself, with this browser's cookies, for requests the helpers here do not cover.</summary>
    public HttpClient Http => _http;

    public sealed record Page(HttpStatusCode Status, string Url, IDocument Document, string? Location)
    {
        public HttpResponseHeaders? Headers { get; init; }
        public string Text => Document.Body?.TextContent ?? "";
        public IHtmlFormElement Form(string? selector = null) =>
            (IHtmlFormElement?)(selector is null ? Document.QuerySelector("main form[method=post]") : Document.QuerySelector(selector))
            ?? throw new InvalidOperationException($"No form {selector} on {Url}: {Text}");
        public IReadOnlyList<string> NavLinks =>
            Document.QuerySelectorAll("nav.main-nav a").Select(a => a.GetAttribute("href")!).ToList();
    }

    public async Task<Page> GetAsync(string url, bool follow = true)
    {
        var response = await _http.GetAsync(url);
        return await ReadAsync(url, response, follow);
    }

    /// <summary>Fills the form (by selector, or the first post form in main) on the page and submits it.</summary>
    public async Task<Page> SubmitAsync(Page page, IDictionary<string, string> fields, string? formSelector = null, bool follow = true, string? action = null)
    {
        var form = page.Form(formSelector);
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements.OfType<IHtmlInputElement>())
        {
            if (string.IsNullOrEmpty(element.Name) || fields.ContainsKey(element.Name)) continue;
            if (element.Type is "checkbox" or "radio" && !element.IsChecked) continue;
            if (element.Type is "submit" or "button") continue;
            values.Add(new(element.Name, element.Value));
        }
        foreach (var area in form.Elements.OfType<IHtmlTextAreaElement>())
            if (!string.IsNullOrEmpty(area.Name) && !fields.ContainsKey(area.Name))
                values.Add(new(area.Name, area.Value));
        foreach (var select in form.Elements.OfType<IHtmlSelectElement>())
            if (!string.IsNullOrEmpty(select.Name) && !fields.ContainsKey(select.Name) && select.Value is not null)
                values.Add(new(select.Name, select.Value));
        foreach (var (name, value) in fields)
            foreach (var v in value.Split('\u001f'))
                values.Add(new(name, v));
        action ??= string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Url : form.GetAttribute("action")!;
        var response = await _http.PostAsync(action, new FormUrlEncodedContent(values));
        return await ReadAsync(action, response, follow);
    }

    public Task<Page> PostAsync(string url, IDictionary<string, string> fields, bool follow = true) =>
        PostFromAsync(url, url, fields, follow);

    /// <summary>Posts to <paramref name="action"/> with the antiforgery token of the page at <paramref name="tokenPage"/>.</summary>
    public async Task<Page> PostFromAsync(string tokenPage, string action, IDictionary<string, string> fields, bool follow = true)
    {
        var page = await GetAsync(tokenPage);
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var values = fields.Append(new("__RequestVerificationToken", token));
        var response = await _http.PostAsync(action, new FormUrlEncodedContent(values));
        return await ReadAsync(action, response, follow);
    }

    /// <summary>Posts a multipart form (a file upload) as the browser would; the caller adds the antiforgery token to the content.</summary>
    public async Task<Page> PostMultipartAsync(string action, MultipartFormDataContent content, bool follow = true)
    {
        var response = await _http.PostAsync(action, content);
        return await ReadAsync(action, response, follow);
    }

    /// <summary>Sends a request with any method (TRACE, PUT ...) and the browser's cookies, as a probe would.</summary>
    public async Task<Page> SendAsync(HttpMethod method, string url)
    {
        var response = await _http.SendAsync(new HttpRequestMessage(method, url));
        return await ReadAsync(url, response, follow: false);
    }

    /// <summary>Logs in with password and, when asked, the authenticator code. Returns the page reached.</summary>
    public async Task<Page> LoginAsync(string email, string password = AppFactory.Password, string? totpSecret = AppFactory.TotpSecret, string returnUrl = "")
    {
        var login = await GetAsync("/logga-in" + (returnUrl == "" ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)));
        var page = await SubmitAsync(login, new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (page.Url.StartsWith("/logga-in/verifiera") && totpSecret is not null)
            page = await SubmitAsync(page, new Dictionary<string, string> { ["Code"] = Totp.Code(totpSecret) });
        return page;
    }

    private async Task<Page> ReadAsync(string url, HttpResponseMessage response, bool follow)
    {
        for (var hops = 0; follow && IsRedirect(response.StatusCode) && hops < 10; hops++)
        {
            url = response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString;
            response = await _http.GetAsync(url);
        }
        var html = await response.Content.ReadAsStringAsync();
        var document = await Parser.OpenAsync(r => r.Content(html).Address("https://localhost" + url));
        return new Page(response.StatusCode, url, document, response.Headers.Location?.OriginalString) { Headers = response.Headers };
    }

    private static bool IsRedirect(HttpStatusCode code) => (int)code is >= 300 and < 400;

    public void Dispose() => _http.Dispose();
}
